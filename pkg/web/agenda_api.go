package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

// sameSlug takes the slug from the path when the body has none, and
// refuses a body that names another one.
func sameSlug(body *string, path, place string) error {
	if *body == "" {
		*body = path
		return nil
	}
	if *body != path {
		return domain.Invalid("invalid "+place, []domain.FieldError{{Place: place, Field: "slug",
			Message: fmt.Sprintf("%q differs from the slug in the path, %q", *body, path)}})
	}
	return nil
}

// needSlug refuses to create an entity without a slug.
func needSlug(slug, place string) error {
	if slug != "" {
		return nil
	}
	return domain.Invalid("invalid "+place, []domain.FieldError{{Place: place, Field: "slug", Message: "is required"}})
}

// apiSaved saves b, changed from old, and answers with the entity as
// stored, which find reads from the partnership reloaded after the save.
func (s *Server) apiSaved(c echo.Context, old, b *domain.Bundle, create bool, find func(*domain.Bundle) (any, bool)) error {
	if err := s.saveAgenda(c, old, b, nil); err != nil {
		return err
	}
	saved, err := s.agendaBundle(c)
	if err != nil {
		return err
	}
	v, ok := find(saved)
	if !ok {
		return fmt.Errorf("%s: not found after saving it", c.Request().URL.Path)
	}
	status := http.StatusOK
	if create {
		status = http.StatusCreated
	}
	return c.JSON(status, v)
}

// decodeAgendaPut reads the body of a create (POST) or replace (PUT) of one
// agenda entity into v, checks its slug against the path, and returns the
// partnership as stored and a copy to change. present names the fields the
// body gave.
func (s *Server) decodeAgendaPut(c echo.Context, v any, slug *string, kind string, create bool) (present map[string]bool, old, b *domain.Bundle, err error) {
	if present, err = decodeJSON(c, v, kind); err != nil {
		return nil, nil, nil, err
	}
	if create {
		err = needSlug(*slug, kind)
	} else {
		err = sameSlug(slug, c.Param(kind), kind+" "+c.Param(kind))
	}
	if err != nil {
		return nil, nil, nil, err
	}
	if old, err = s.agendaBundle(c); err != nil {
		return nil, nil, nil, err
	}
	return present, old, cloneAgenda(old), nil
}

// apiPutPartner creates (POST) or replaces (PUT) a partner. A PUT without
// "contributes" keeps the partner's contributions; one with it withdraws
// those it leaves out.
func (s *Server) apiPutPartner(create bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		var p domain.Partner
		present, old, b, err := s.decodeAgendaPut(c, &p, &p.Slug, "partner", create)
		if err != nil {
			return err
		}
		if was, ok := findBySlug(b.Partners, p.Slug, partnerSlug); ok && !create && !present["contributes"] {
			p.Contributes = was.Contributes
		}
		if err := putPartner(b, p, create); err != nil {
			return err
		}
		return s.apiSaved(c, old, b, create, func(b *domain.Bundle) (any, bool) { return findBySlug(b.Partners, p.Slug, partnerSlug) })
	}
}

// apiPutGoal creates or replaces a goal. Without "position" it keeps its
// place, or comes last when new.
func (s *Server) apiPutGoal(create bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		var g domain.Goal
		present, old, b, err := s.decodeAgendaPut(c, &g, &g.Slug, "goal", create)
		if err != nil {
			return err
		}
		if err := putGoal(b, g, create, present["position"]); err != nil {
			return err
		}
		return s.apiSaved(c, old, b, create, func(b *domain.Bundle) (any, bool) { return findBySlug(b.Goals, g.Slug, goalSlug) })
	}
}

// apiPutIndicator creates or replaces an indicator, placed like a goal.
func (s *Server) apiPutIndicator(create bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		var ind domain.Indicator
		present, old, b, err := s.decodeAgendaPut(c, &ind, &ind.Slug, "indicator", create)
		if err != nil {
			return err
		}
		if err := putIndicator(b, ind, create, present["position"]); err != nil {
			return err
		}
		return s.apiSaved(c, old, b, create, func(b *domain.Bundle) (any, bool) { return b.Indicator(ind.Slug) })
	}
}

// apiPutSettings replaces the partnership's settings. The suppression
// threshold must be given: a missing one would read as 0 and show every
// small cell to the public.
func (s *Server) apiPutSettings(c echo.Context) error {
	var p domain.Partnership
	present, err := decodeJSON(c, &p, "partnership")
	if err != nil {
		return err
	}
	if err := sameSlug(&p.Slug, c.Param("partnership"), "partnership"); err != nil {
		return err
	}
	if !present["suppression_threshold"] {
		return domain.Invalid("invalid partnership", []domain.FieldError{{Place: "partnership", Field: "suppression_threshold",
			Message: "is required: figures whose denominator is below it are hidden from the public (10 is the usual rule)"}})
	}
	old, err := s.agendaBundle(c)
	if err != nil {
		return err
	}
	b := cloneAgenda(old)
	b.Partnership = p
	return s.apiSaved(c, old, b, false, func(b *domain.Bundle) (any, bool) { return b.Partnership, true })
}

// apiDelete deletes a partner, goal or indicator; an indicator with
// figures only with ?with_data=true, which deletes them too.
func (s *Server) apiDelete(k *agendaKind) echo.HandlerFunc {
	return func(c echo.Context) error {
		withData := false
		if q := c.QueryParam("with_data"); q != "" {
			var err error
			if withData, err = strconv.ParseBool(q); err != nil {
				return domain.Errorf(domain.EINVALID, "with_data must be true or false, not %q", q)
			}
		}
		if err := s.remove(c, k, c.Param("partnership"), c.Param(k.param), withData); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
}
