package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/snapshot"
)

// snapshotsPage lists a partnership's snapshots with their downloads and,
// for those who may take one, the form to do it. With One set it shows
// that snapshot only (its stable link).
type snapshotsPage struct {
	layout
	P         *report.Partnership
	Snapshots []apiSnapshotView
	One       *apiSnapshotView
	Formats   []string
	CanCreate bool
	Form      snapshotForm
	Errors    map[string]string
}

type snapshotForm struct{ Title, Note string }

func (s *Server) snapshotsPageOf(c echo.Context) (*snapshotsPage, error) {
	p, err := s.partnership(c)
	if err != nil {
		return nil, err
	}
	list, err := s.store.ListSnapshots(c.Request().Context(), p.Slug)
	if err != nil {
		return nil, err
	}
	page := &snapshotsPage{
		layout:    layout{Title: "Snapshots", Crumbs: []crumb{{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}}},
		P:         p,
		Formats:   snapshot.Formats,
		CanCreate: domain.Can(who(c).role(p.Slug), domain.ActCreateSnapshot),
		Errors:    map[string]string{},
	}
	for _, sn := range list {
		page.Snapshots = append(page.Snapshots, viewOf(sn))
	}
	return page, nil
}

func (s *Server) snapshotsPage(c echo.Context) error {
	page, err := s.snapshotsPageOf(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "snapshots", page)
}

func (s *Server) snapshotPage(c echo.Context) error {
	page, err := s.snapshotsPageOf(c)
	if err != nil {
		return err
	}
	info, _, err := s.loadSnapshot(c)
	if err != nil {
		return err
	}
	v := viewOf(info)
	page.One, page.CanCreate = &v, false
	page.Title = "Snapshot: " + info.Title
	page.Crumbs = append(page.Crumbs, crumb{"Snapshots", "/p/" + page.P.Slug + "/snapshots"})
	return s.render(c, http.StatusOK, "snapshots", page)
}

func (s *Server) createSnapshot(c echo.Context) error {
	page, err := s.snapshotsPageOf(c)
	if err != nil {
		return err
	}
	page.Form = snapshotForm{Title: c.FormValue("title"), Note: c.FormValue("note")}
	sn, err := s.takeSnapshot(c, page.Form.Title, page.Form.Note)
	if err != nil {
		if !fieldMessages(err, page.Errors) {
			return err
		}
		return s.render(c, http.StatusUnprocessableEntity, "snapshots", page)
	}
	flash(c, "Snapshot “"+sn.Title+"” taken. Its SHA-256 is "+sn.SHA256+".")
	return c.Redirect(http.StatusSeeOther, "/p/"+page.P.Slug+"/snapshots")
}
