package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

// agendaEdit is one form being shown: of which kind, in which partnership,
// for which entity (or a new one).
type agendaEdit struct {
	k      *agendaKind
	b      *domain.Bundle
	slug   string
	name   string // the stored name, when editing
	create bool
}

// agendaTarget reads the partnership and, unless creating, the entity of
// the path, which must exist.
func (s *Server) agendaTarget(c echo.Context, k *agendaKind, create bool) (agendaEdit, url.Values, error) {
	b, err := s.agendaBundle(c)
	if err != nil {
		return agendaEdit{}, nil, err
	}
	e := agendaEdit{k: k, b: b, create: create}
	if create {
		return e, k.blank(c.QueryParams()), nil
	}
	e.slug = c.Param(k.param)
	v, name, ok := k.values(b, e.slug)
	if !ok {
		return e, nil, domain.Errorf(domain.ENOTFOUND, "%s %q not found in partnership %q", k.what, e.slug, b.Partnership.Slug)
	}
	e.name = name
	return e, v, nil
}

// agendaForm shows the form for a new entity (create) or the stored one.
func (s *Server) agendaForm(k *agendaKind, create bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		e, v, err := s.agendaTarget(c, k, create)
		if err != nil {
			return err
		}
		return s.renderAgendaForm(c, http.StatusOK, e, v, nil, nil)
	}
}

// agendaSave creates or updates an entity from its form: all or nothing,
// and on any problem the form comes back as posted, each message next to
// its field.
func (s *Server) agendaSave(k *agendaKind, create bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		e, _, err := s.agendaTarget(c, k, create)
		if err != nil {
			return err
		}
		v, err := c.FormParams()
		if err != nil {
			return domain.Errorf(domain.EINVALID, "the form could not be read: %v", err)
		}
		if create {
			if e.slug = strings.TrimSpace(v.Get("slug")); e.slug == "" {
				e.slug = missingSlug
			}
		}
		name, err := s.applyAgenda(c, e, v)
		if err != nil {
			errs, problems, err := formProblems(err, k.place(e.slug))
			if err != nil {
				return err
			}
			return s.renderAgendaForm(c, http.StatusUnprocessableEntity, e, v, errs, problems)
		}
		flash(c, fmt.Sprintf("Saved %s “%s”.", k.what, name))
		return c.Redirect(http.StatusSeeOther, k.url(e.b.Partnership.Slug, e.slug))
	}
}

// missingSlug stands for a slug left empty. It is not a valid slug, so
// nothing is saved under it; unlike "", it is not taken for the target of
// every empty reference (an indicator's predicts) while the rest is checked.
const missingSlug = "-"

// applyAgenda applies the form to a copy of the partnership and saves it.
func (s *Server) applyAgenda(c echo.Context, e agendaEdit, v url.Values) (string, error) {
	work := cloneAgenda(e.b)
	name, pre, err := e.k.apply(work, v, e.slug, e.create)
	slugErr := func(msg string) {
		pre = append([]domain.FieldError{{Place: e.k.place(e.slug), Field: "slug", Message: msg}}, pre...)
	}
	switch {
	case e.create && e.slug == missingSlug:
		slugErr("is required")
	case e.create && e.slug == "new":
		slugErr(`"new" is the address of the page that adds one: choose another slug`)
	}
	if err != nil {
		return "", withProblems(err, pre)
	}
	return name, s.saveAgenda(c, e.b, work, pre)
}

// cloneAgenda copies b deeply enough for apply to change it: the lists it
// replaces items of.
func cloneAgenda(b *domain.Bundle) *domain.Bundle {
	cp := *b
	cp.Partners, cp.Goals, cp.Indicators = slices.Clone(b.Partners), slices.Clone(b.Goals), slices.Clone(b.Indicators)
	return &cp
}

// withProblems adds the problems found reading a form to an invalid-input
// error, so that all are shown at once.
func withProblems(err error, pre []domain.FieldError) error {
	var de *domain.Error
	if len(pre) == 0 || !errors.As(err, &de) || de.Code != domain.EINVALID {
		return err
	}
	return domain.Invalid(de.Message, append(pre, de.Fields...))
}

func (s *Server) renderAgendaForm(c echo.Context, status int, e agendaEdit, v url.Values, errs map[string]string, problems []string) error {
	p := e.b.Partnership
	page := &agendaFormPage{
		layout:   layout{Crumbs: []crumb{{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}}},
		Problems: problems,
	}
	here := e.k.url(p.Slug, e.slug)
	switch {
	case e.create:
		page.Title, page.Action, page.Submit, page.Cancel = "New "+e.k.what, "/p/"+p.Slug+"/"+e.k.coll, "Create "+e.k.what, "/p/"+p.Slug
	case e.k.coll == "":
		page.Title, page.Action, page.Submit, page.Cancel = "Settings", here, "Save settings", here
	default:
		page.Title, page.Action, page.Submit, page.Cancel, page.Delete = "Edit "+e.k.what+": "+e.name, here, "Save "+e.k.what, here, here+"/delete"
		page.Crumbs = append(page.Crumbs, crumb{e.name, here})
	}
	f := newForm(v, errs)
	e.k.layout(f, e.b, e.slug, e.create)
	f.fill(page)
	return s.render(c, status, "agenda_form", page)
}
