package domain

import (
	"fmt"
	"slices"
)

// Validate checks the whole bundle: every entity, the references between
// them, and the uniqueness of slugs and measurement keys. It returns every
// problem found, not just the first.
func (b *Bundle) Validate() error {
	var errs []FieldError
	errs = append(errs, b.Partnership.Validate()...)
	partners := map[string]bool{}
	for _, p := range b.Partners {
		errs = append(errs, p.Validate()...)
		errs = dup(errs, partners, "partner", p.Slug)
	}
	goals := map[string]bool{}
	for _, g := range b.Goals {
		errs = append(errs, g.Validate()...)
		errs = dup(errs, goals, "goal", g.Slug)
	}
	inds := map[string]Indicator{}
	for _, ind := range b.Indicators {
		errs = append(errs, ind.Validate()...)
		if _, ok := inds[ind.Slug]; ok {
			errs = append(errs, FieldError{Place: "indicator " + ind.Slug, Field: "slug", Message: "is used twice"})
		}
		inds[ind.Slug] = ind
	}
	errs = append(errs, b.references(partners, goals, inds)...)
	errs = append(errs, b.validateFigures(inds)...)
	return Invalid("invalid partnership "+b.Partnership.Slug, errs)
}

func dup(errs []FieldError, seen map[string]bool, kind, slug string) []FieldError {
	if seen[slug] {
		return append(errs, FieldError{Place: kind + " " + slug, Field: "slug", Message: "is used twice"})
	}
	seen[slug] = true
	return errs
}

func (b *Bundle) references(partners, goals map[string]bool, inds map[string]Indicator) []FieldError {
	var errs []FieldError
	ref := func(place, field, slug, kind string, ok bool) {
		if slug != "" && !ok {
			errs = append(errs, FieldError{Place: place, Field: field, Message: fmt.Sprintf("unknown %s %q", kind, slug)})
		}
	}
	ref("partnership", "backbone", b.Partnership.Backbone, "partner", partners[b.Partnership.Backbone])
	for _, p := range b.Partners {
		for _, s := range p.Contributes {
			_, ok := inds[s]
			ref("partner "+p.Slug, "contributes", s, "indicator", ok)
		}
	}
	for _, ind := range b.Indicators {
		place := "indicator " + ind.Slug
		if ind.Goal == "" {
			errs = append(errs, FieldError{Place: place, Field: "goal", Message: "is required"})
		}
		ref(place, "goal", ind.Goal, "goal", goals[ind.Goal])
		ref(place, "steward", ind.Steward, "partner", partners[ind.Steward])
		core, ok := inds[ind.Predicts]
		ref(place, "predicts", ind.Predicts, "indicator", ok)
		// An empty predicts is Indicator.Validate's to report; looking it up
		// would match an indicator whose own slug is (wrongly) empty.
		if ok && ind.Predicts != "" && core.Kind != KindCore {
			errs = append(errs, FieldError{Place: place, Field: "predicts", Message: fmt.Sprintf("%q is not a core indicator", ind.Predicts)})
		}
	}
	return errs
}

// MeasurementKey is the natural key of a measurement.
func MeasurementKey(m Measurement) string {
	return fmt.Sprintf("%s/%d/%s/%s", m.Indicator, m.Year, m.Dimension, m.Group)
}

func (b *Bundle) validateFigures(inds map[string]Indicator) []FieldError {
	var errs []FieldError
	seen := map[string]bool{}
	for i, m := range b.Measurements {
		place := fmt.Sprintf("measurement %d (%s %d)", i+1, m.Indicator, m.Year)
		ind, ok := inds[m.Indicator]
		if !ok {
			errs = append(errs, FieldError{Place: place, Field: "indicator", Message: fmt.Sprintf("unknown indicator %q", m.Indicator)})
			continue
		}
		errs = append(errs, ValidateMeasurement(ind, m, place)...)
		key := MeasurementKey(m)
		if seen[key] {
			errs = append(errs, FieldError{Place: place, Field: "year", Message: "duplicate of an earlier measurement for the same indicator, year and group"})
		}
		seen[key] = true
	}
	cseen := map[string]bool{}
	for i, c := range b.Comparisons {
		place := fmt.Sprintf("comparison %d (%s %s %d)", i+1, c.Indicator, c.Geography, c.Year)
		ind, ok := inds[c.Indicator]
		if !ok {
			errs = append(errs, FieldError{Place: place, Field: "indicator", Message: fmt.Sprintf("unknown indicator %q", c.Indicator)})
			continue
		}
		m := Measurement{Year: c.Year, Value: c.Value, Dimension: c.Dimension, Group: c.Group, Status: StatusApproved, Source: c.Source}
		errs = append(errs, ValidateMeasurement(ind, m, place)...)
		if c.Geography == "" {
			errs = append(errs, FieldError{Place: place, Field: "geography", Message: "is required"})
		}
		key := c.Geography + "/" + MeasurementKey(m) + c.Indicator
		if cseen[key] {
			errs = append(errs, FieldError{Place: place, Field: "year", Message: "duplicate comparison figure"})
		}
		cseen[key] = true
	}
	return errs
}

// Indicator returns the indicator with the given slug.
func (b *Bundle) Indicator(slug string) (Indicator, bool) {
	i := slices.IndexFunc(b.Indicators, func(x Indicator) bool { return x.Slug == slug })
	if i < 0 {
		return Indicator{}, false
	}
	return b.Indicators[i], true
}
