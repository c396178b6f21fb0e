package web

import (
	"context"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Snapshots is the part of the store that keeps snapshots. There is no
// update or delete: a snapshot is immutable once taken.
type Snapshots interface {
	CreateSnapshot(ctx context.Context, s domain.Snapshot, content []byte, actor string) (domain.Snapshot, error)
	ListSnapshots(ctx context.Context, partnership string) ([]domain.Snapshot, error)
	SnapshotInfo(ctx context.Context, id string) (domain.Snapshot, error)
	Snapshot(ctx context.Context, id string) (domain.Snapshot, []byte, error)
}

// snapshotRoutes lists the routes of this area; see routeTable. Board
// members, editors and admins take, list and download snapshots; viewers
// and contributors do not (a snapshot is the board's citable copy, small
// cells included). /api/v1/snapshots/:snapshot has no :partnership in its path:
// snapshotScope finds it from the snapshot before authorize checks the
// role there.
func (s *Server) snapshotRoutes() []route {
	view, create := domain.ActReadSnapshot, domain.ActCreateSnapshot
	const page = "/p/:partnership/snapshots"
	return []route{
		{"GET", page, view, s.snapshotsPage},
		{"POST", page, create, s.createSnapshot},
		{"GET", page + "/:snapshot", view, s.snapshotPage},
		{"GET", page + "/:snapshot/download", view, s.downloadSnapshot},
		{"GET", "/api/v1/partnerships/:partnership/snapshots", view, s.apiSnapshots},
		{"POST", "/api/v1/partnerships/:partnership/snapshots", create, s.apiCreateSnapshot},
		{"GET", "/api/v1/snapshots/:snapshot", view, s.apiSnapshot},
	}
}

// snapshotScope gives a route with a :snapshot and no :partnership the
// snapshot's partnership as its :partnership, so that authorize checks the
// requester's role there like on any other route. An unknown id is 404.
func (s *Server) snapshotScope(c echo.Context) error {
	id := c.Param("snapshot")
	if id == "" || c.Param("partnership") != "" {
		return nil
	}
	info, err := s.store.SnapshotInfo(c.Request().Context(), id)
	if err != nil {
		return err
	}
	// Fresh slices: the names may be the router's own.
	names := append(slices.Clone(c.ParamNames()), "partnership")
	values := append(slices.Clone(c.ParamValues()), info.Partnership)
	c.SetParamNames(names...)
	c.SetParamValues(values...)
	return nil
}
