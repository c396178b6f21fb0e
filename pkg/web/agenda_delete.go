package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/dashboard"
	"github.com/impactboard/impactboard/pkg/domain"
)

// agendaDeletePage confirms a deletion. Figures is how many figures an
// indicator has: deleting them too must be ticked explicitly.
type agendaDeletePage struct {
	layout
	What    string
	Name    string
	Note    string
	Action  string
	Cancel  string
	Figures int
	Problem string // why the last attempt was refused
}

func (s *Server) deletePageOf(c echo.Context, k *agendaKind) (*agendaDeletePage, agendaEdit, error) {
	e, _, err := s.agendaTarget(c, k, false)
	if err != nil {
		return nil, e, err
	}
	p, here := e.b.Partnership, k.url(e.b.Partnership.Slug, e.slug)
	page := &agendaDeletePage{
		layout: layout{Title: "Delete " + k.what + ": " + e.name, Crumbs: []crumb{{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}, {e.name, here}}},
		What:   k.what, Name: e.name, Note: k.deleteNote, Action: here + "/delete", Cancel: here,
	}
	if k == indicatorKind {
		page.Figures = figureCount(e.b, e.slug)
	}
	return page, e, nil
}

// agendaDeleteForm asks to confirm a deletion.
func (s *Server) agendaDeleteForm(k *agendaKind) echo.HandlerFunc {
	return func(c echo.Context) error {
		page, _, err := s.deletePageOf(c, k)
		if err != nil {
			return err
		}
		return s.render(c, http.StatusOK, "agenda_delete", page)
	}
}

// agendaDelete deletes after confirmation. What the store refuses (a goal
// with indicators, figures not confirmed) comes back on the confirmation
// page with the reason.
func (s *Server) agendaDelete(k *agendaKind) echo.HandlerFunc {
	return func(c echo.Context) error {
		page, e, err := s.deletePageOf(c, k)
		if err != nil {
			return err
		}
		withData := c.FormValue("with_data") != ""
		if seen := c.FormValue("figures"); withData && seen != strconv.Itoa(page.Figures) {
			page.Problem = fmt.Sprintf("it now has %d figures, not %s as when the page was shown: check and confirm again.", page.Figures, seen)
			return s.render(c, http.StatusConflict, "agenda_delete", page)
		}
		err = s.remove(c, k, e.b.Partnership.Slug, e.slug, withData)
		if domain.ErrorCode(err) == domain.ECONFLICT {
			page.Problem = domain.ErrorMessage(err)
			return s.render(c, http.StatusConflict, "agenda_delete", page)
		} else if err != nil {
			return err
		}
		msg := fmt.Sprintf("Deleted %s “%s”.", k.what, e.name)
		if withData && page.Figures > 0 {
			msg = fmt.Sprintf("Deleted %s “%s” and its %d figures.", k.what, e.name, page.Figures)
		}
		flash(c, msg)
		return c.Redirect(http.StatusSeeOther, "/p/"+e.b.Partnership.Slug)
	}
}

// remove deletes an entity, refusing an indicator or a goal that a loaded
// dashboard shows: that dashboard's file would stop the next start.
func (s *Server) remove(c echo.Context, k *agendaKind, partnership, slug string, withData bool) error {
	var files []string
	switch k {
	case indicatorKind:
		files = dashboard.FilesShowing(s.cfg.Dashboards, partnership, slug)
	case goalKind:
		files = dashboard.FilesShowingGoal(s.cfg.Dashboards, partnership, slug)
	}
	if len(files) > 0 {
		return domain.Errorf(domain.ECONFLICT, "cannot delete %s %q: the dashboard file(s) %s show it (take it out of them and restart first)",
			k.what, slug, strings.Join(files, ", "))
	}
	return k.remove(c.Request().Context(), s.store, partnership, slug, actor(c), withData)
}
