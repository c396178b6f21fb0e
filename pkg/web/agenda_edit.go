package web

import (
	"errors"
	"fmt"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

// agendaBundle reads the :partnership of the path from the store for
// editing: the cached report is shared between requests and must not change.
func (s *Server) agendaBundle(c echo.Context) (*domain.Bundle, error) {
	return s.store.Bundle(c.Request().Context(), c.Param("partnership"))
}

// saveAgenda validates b whole, figures included (a new unit can make
// stored figures invalid), together with the problems pre found while
// reading a form. It then saves b without its figures: the save only adds
// and updates, so figures left out stay as they are, and one entered
// since b was read is not undone. Contributions that b's partners no
// longer have compared with old, the partnership as read, are withdrawn
// after the save, which never removes any.
func (s *Server) saveAgenda(c echo.Context, old, b *domain.Bundle, pre []domain.FieldError) error {
	var invalid *domain.Error
	if err := b.Validate(); errors.As(err, &invalid) {
		pre = append(pre, invalid.Fields...)
	} else if err != nil {
		return err
	}
	if err := domain.Invalid("invalid partnership "+b.Partnership.Slug, pre); err != nil {
		return err
	}
	cp := *b
	cp.Measurements, cp.Comparisons = nil, nil
	if _, err := s.store.SaveBundle(c.Request().Context(), &cp, actor(c)); err != nil {
		return err
	}
	for _, p := range withdrawing(old, b) {
		if err := s.store.SetContributions(c.Request().Context(), b.Partnership.Slug, p.Slug, p.Contributes, actor(c)); err != nil {
			return err
		}
	}
	return nil
}

// withdrawing returns the partners of b that contribute to fewer
// indicators than they did in old.
func withdrawing(old, b *domain.Bundle) []domain.Partner {
	var out []domain.Partner
	for _, p := range b.Partners {
		was, ok := findBySlug(old.Partners, p.Slug, partnerSlug)
		if ok && slices.ContainsFunc(was.Contributes, func(s string) bool { return !slices.Contains(p.Contributes, s) }) {
			out = append(out, p)
		}
	}
	return out
}

// upsert puts item into list: appended when create (its slug must be
// new), else in place of the item with its slug (which must exist).
func upsert[T any](list []T, item T, slugOf func(T) string, create bool, what string) ([]T, error) {
	slug := slugOf(item)
	i := slices.IndexFunc(list, func(x T) bool { return slugOf(x) == slug })
	switch {
	case create && i >= 0:
		return nil, domain.Invalid("invalid "+what, []domain.FieldError{{Place: what + " " + slug, Field: "slug",
			Message: fmt.Sprintf("%q is already used by another %s", slug, what)}})
	case create:
		return append(list, item), nil
	case i < 0:
		return nil, domain.Errorf(domain.ENOTFOUND, "%s %q not found", what, slug)
	}
	list[i] = item
	return list, nil
}

func partnerSlug(p domain.Partner) string       { return p.Slug }
func goalSlug(g domain.Goal) string             { return g.Slug }
func indicatorSlug(ind domain.Indicator) string { return ind.Slug }

// findBySlug returns the item of list with slug.
func findBySlug[T any](list []T, slug string, slugOf func(T) string) (T, bool) {
	i := slices.IndexFunc(list, func(x T) bool { return slugOf(x) == slug })
	if i < 0 {
		var zero T
		return zero, false
	}
	return list[i], true
}

// putPartner creates or replaces a partner, its contributions included.
func putPartner(b *domain.Bundle, p domain.Partner, create bool) error {
	list, err := upsert(b.Partners, p, partnerSlug, create, "partner")
	if err == nil {
		b.Partners = list
	}
	return err
}

// putGoal creates or replaces a goal; without a position of its own it
// keeps its place, or comes last when new.
func putGoal(b *domain.Bundle, g domain.Goal, create, positioned bool) error {
	if !positioned {
		g.Position = position(b.Goals, g.Slug, goalSlug, func(g domain.Goal) int { return g.Position })
	}
	list, err := upsert(b.Goals, g, goalSlug, create, "goal")
	if err == nil {
		b.Goals = list
	}
	return err
}

// putIndicator creates or replaces an indicator, placed like putGoal.
func putIndicator(b *domain.Bundle, ind domain.Indicator, create, positioned bool) error {
	if !positioned {
		ind.Position = position(b.Indicators, ind.Slug, indicatorSlug, func(x domain.Indicator) int { return x.Position })
	}
	list, err := upsert(b.Indicators, ind, indicatorSlug, create, "indicator")
	if err == nil {
		b.Indicators = list
	}
	return err
}

// position is the stored position of slug, or one past the last.
func position[T any](list []T, slug string, slugOf func(T) string, posOf func(T) int) int {
	next := 0
	for _, x := range list {
		if slugOf(x) == slug {
			return posOf(x)
		}
		next = max(next, posOf(x)+1)
	}
	return next
}

// figureCount counts the measurements and comparison figures of an indicator.
func figureCount(b *domain.Bundle, slug string) int {
	n := 0
	for _, m := range b.Measurements {
		if m.Indicator == slug {
			n++
		}
	}
	for _, cmp := range b.Comparisons {
		if cmp.Indicator == slug {
			n++
		}
	}
	return n
}
