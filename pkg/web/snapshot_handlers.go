package web

import (
	"bytes"
	"cmp"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/snapshot"
)

// snapshotLinks are where one snapshot can be seen and downloaded.
type snapshotLinks struct {
	Page string            `json:"page"`
	API  map[string]string `json:"api"` // format -> URL
}

// apiSnapshotView is a snapshot as the API and the list page show it.
type apiSnapshotView struct {
	domain.Snapshot
	Links snapshotLinks `json:"links"`
}

func viewOf(s domain.Snapshot) apiSnapshotView {
	v := apiSnapshotView{Snapshot: s, Links: snapshotLinks{Page: "/p/" + s.Partnership + "/snapshots/" + s.ID, API: map[string]string{}}}
	for _, f := range snapshot.Formats {
		v.Links.API[f] = "/api/v1/snapshots/" + s.ID + "?format=" + f
	}
	return v
}

// Download is the page's download link of one format.
func (v apiSnapshotView) Download(format string) string {
	return v.Links.Page + "/download?format=" + format
}

// Created is when the snapshot was taken, for people.
func (v apiSnapshotView) Created() string {
	return v.CreatedAt.UTC().Format("2 January 2006, 15:04 UTC")
}

// takeSnapshot freezes the :partnership now, as the signed-in user.
func (s *Server) takeSnapshot(c echo.Context, title, note string) (domain.Snapshot, error) {
	u := who(c).User
	in := snapshot.Input{Title: title, Note: note, By: domain.Author{UserID: u.ID, Name: u.Name, Email: u.Email},
		At: s.cfg.Now(), Program: s.cfg.Version, Dashboards: s.cfg.Dashboards}
	return snapshot.Take(c.Request().Context(), s.store, c.Param("partnership"), in, actor(c))
}

// loadSnapshot reads the :snapshot of the path, which must belong to the
// :partnership: a member of one partnership cannot reach another's
// snapshot by putting its id under their own partnership's path.
func (s *Server) loadSnapshot(c echo.Context) (domain.Snapshot, []byte, error) {
	info, content, err := s.store.Snapshot(c.Request().Context(), c.Param("snapshot"))
	if err == nil && info.Partnership != c.Param("partnership") {
		err = domain.Errorf(domain.ENOTFOUND, "snapshot %q not found", c.Param("snapshot"))
	}
	return info, content, err
}

// sendSnapshot answers with the snapshot as a file to save.
func sendSnapshot(c echo.Context, info domain.Snapshot, content []byte, format string) error {
	var buf bytes.Buffer
	if err := snapshot.Write(&buf, format, content, info.SHA256, StaticFS()); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": snapshot.Filename(info, format)}))
	h.Set(echo.HeaderCacheControl, "private, no-store")
	h.Set("X-Snapshot-SHA256", info.SHA256)
	return c.Blob(http.StatusOK, snapshot.ContentType(format), buf.Bytes())
}

func (s *Server) downloadSnapshot(c echo.Context) error {
	info, content, err := s.loadSnapshot(c)
	if err != nil {
		return err
	}
	return sendSnapshot(c, info, content, strings.ToLower(cmp.Or(c.QueryParam("format"), "html")))
}

func (s *Server) apiSnapshots(c echo.Context) error {
	list, err := s.store.ListSnapshots(c.Request().Context(), c.Param("partnership"))
	if err != nil {
		return err
	}
	out := make([]apiSnapshotView, len(list))
	for i, sn := range list {
		out[i] = viewOf(sn)
	}
	return c.JSON(http.StatusOK, map[string][]apiSnapshotView{"snapshots": out})
}

func (s *Server) apiCreateSnapshot(c echo.Context) error {
	req, err := decodeStringObject(c, "title", "note")
	if err != nil {
		return err
	}
	sn, err := s.takeSnapshot(c, req["title"], req["note"])
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/snapshots/"+sn.ID)
	return c.JSON(http.StatusCreated, viewOf(sn))
}

// apiSnapshot downloads a snapshot; snapshotScope has already put its
// partnership in the path parameters and authorize checked the role there.
func (s *Server) apiSnapshot(c echo.Context) error {
	info, content, err := s.loadSnapshot(c)
	if err != nil {
		return err
	}
	return sendSnapshot(c, info, content, strings.ToLower(cmp.Or(c.QueryParam("format"), "json")))
}
