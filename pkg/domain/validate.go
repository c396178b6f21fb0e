package domain

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Year bounds for every year field.
const (
	MinYear = 1900
	MaxYear = 2100
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a slug: lowercase letters, digits, single hyphens.
func ValidSlug(s string) bool { return len(s) <= 80 && slugPattern.MatchString(s) }

type checker struct {
	place string
	errs  []FieldError
}

func (c *checker) add(field, format string, args ...any) {
	c.errs = append(c.errs, FieldError{Place: c.place, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) slug(field, s string) {
	if !ValidSlug(s) {
		c.add(field, "%q is not a valid slug (lowercase letters, digits and hyphens, e.g. hs-graduation-4yr)", s)
	}
}

func (c *checker) required(field, s string) {
	if strings.TrimSpace(s) == "" {
		c.add(field, "is required")
	}
}

func (c *checker) year(field string, y int) {
	if y < MinYear || y > MaxYear {
		c.add(field, "year %d is outside %d..%d", y, MinYear, MaxYear)
	}
}

func (c *checker) url(field, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.add(field, "%q is not an http(s) address", s)
	}
}

// Validate checks a partnership's own fields.
func (p Partnership) Validate() []FieldError {
	c := checker{place: "partnership"}
	c.slug("slug", p.Slug)
	c.required("name", p.Name)
	if p.SuppressionThreshold < 0 || p.SuppressionThreshold > 1000 {
		c.add("suppression_threshold", "must be between 0 and 1000, got %d", p.SuppressionThreshold)
	}
	return c.errs
}

// Validate checks a partner's own fields.
func (p Partner) Validate() []FieldError {
	c := checker{place: "partner " + p.Slug}
	c.slug("slug", p.Slug)
	c.required("name", p.Name)
	if !slices.Contains(Sectors, p.Sector) {
		c.add("sector", "%q is not one of %s", p.Sector, strings.Join(Sectors, ", "))
	}
	c.url("website", p.Website)
	return c.errs
}

// Validate checks a goal's own fields.
func (g Goal) Validate() []FieldError {
	c := checker{place: "goal " + g.Slug}
	c.slug("slug", g.Slug)
	c.required("title", g.Title)
	return c.errs
}

// Validate checks an indicator's own fields.
func (ind Indicator) Validate() []FieldError {
	c := checker{place: "indicator " + ind.Slug}
	c.slug("slug", ind.Slug)
	c.required("name", ind.Name)
	switch ind.Direction {
	case HigherIsBetter, LowerIsBetter:
	case "":
		c.add("direction", "is required: say whether higher or lower is better")
	default:
		c.add("direction", "%q must be higher or lower", ind.Direction)
	}
	switch ind.Unit {
	case UnitPercent, UnitCount, UnitCurrency, UnitScore:
	case UnitRate:
		if ind.RatePer <= 0 {
			c.add("rate_per", "a rate needs rate_per (e.g. 1000)")
		}
	default:
		c.add("unit", "%q is not one of percent, count, rate, currency, score", ind.Unit)
	}
	if ind.Decimals < 0 || ind.Decimals > 6 {
		c.add("decimals", "must be between 0 and 6")
	}
	if ind.Method != MethodLinear && ind.Method != MethodCAGR {
		c.add("method", "%q must be linear or cagr", ind.Method)
	}
	switch ind.Kind {
	case KindCore:
		if ind.Predicts != "" {
			c.add("predicts", "only a contributing indicator predicts a core one")
		}
	case KindContributing:
		if ind.Predicts == "" {
			c.add("predicts", "a contributing indicator names the core indicator it predicts")
		}
	default:
		c.add("kind", "%q must be core or contributing", ind.Kind)
	}
	for name, yv := range map[string]*YearValue{"baseline": ind.Baseline, "target": ind.Target} {
		if yv != nil {
			c.year(name+".year", yv.Year)
			c.value(ind, name+".value", yv.Value)
		}
	}
	if ind.Baseline != nil && ind.Target != nil && ind.Target.Year <= ind.Baseline.Year {
		c.add("target.year", "target year %d must be after the baseline year %d", ind.Target.Year, ind.Baseline.Year)
	}
	for i, yv := range ind.Interim {
		c.year(fmt.Sprintf("interim_targets[%d].year", i), yv.Year)
		c.value(ind, fmt.Sprintf("interim_targets[%d].value", i), yv.Value)
	}
	for i, a := range ind.Annotations {
		c.year(fmt.Sprintf("annotations[%d].year", i), a.Year)
		c.required(fmt.Sprintf("annotations[%d].text", i), a.Text)
	}
	return c.errs
}

func (c *checker) value(ind Indicator, field string, v float64) {
	if !Finite(v) {
		c.add(field, "must be a finite number")
		return
	}
	if ind.Unit == UnitPercent && (v < 0 || v > 100) {
		c.add(field, "%s%% is outside 0..100", FormatNumber(v, -1))
	}
	if (ind.Unit == UnitCount || ind.Unit == UnitRate) && v < 0 {
		c.add(field, "a %s cannot be negative", ind.Unit)
	}
}

// ValidateMeasurement checks m against the indicator it belongs to. place
// names where m came from, for the messages.
func ValidateMeasurement(ind Indicator, m Measurement, place string) []FieldError {
	c := checker{place: place}
	c.year("year", m.Year)
	c.value(ind, "value", m.Value)
	if (m.Dimension == "") != (m.Group == "") {
		c.add("group", "dimension and group go together: give both or neither")
	}
	switch m.Status {
	case StatusDraft, StatusSubmitted, StatusApproved, StatusReturned:
	default:
		c.add("status", "%q must be draft, submitted, approved or returned", m.Status)
	}
	c.url("source", m.Source)
	c.fraction(ind, m)
	return c.errs
}

func (c *checker) fraction(ind Indicator, m Measurement) {
	n, d := m.Numerator, m.Denominator
	if n == nil && d == nil {
		return
	}
	switch {
	case n == nil:
		c.add("numerator", "numerator and denominator go together: give both or neither")
		return
	case d == nil:
		c.add("denominator", "numerator and denominator go together: give both or neither")
		return
	}
	// The message names the field at fault, so a grid or an import
	// marks the cell to fix.
	bad := false
	if !Finite(*n) || *n < 0 {
		c.add("numerator", "numerator must be >= 0, got %s", FormatNumber(*n, -1))
		bad = true
	}
	if !Finite(*d) || *d <= 0 {
		c.add("denominator", "denominator must be > 0, got %s", FormatNumber(*d, -1))
		bad = true
	}
	if bad {
		return
	}
	if *n > *d {
		c.add("numerator", "numerator %s is greater than denominator %s", FormatNumber(*n, -1), FormatNumber(*d, -1))
		return
	}
	want := *n / *d
	switch ind.Unit {
	case UnitPercent:
		want *= 100
	case UnitRate:
		want *= float64(ind.RatePer)
	default:
		return
	}
	// Published values are rounded to the indicator's decimals; allow that.
	tol := 0.5*math.Pow(10, -float64(ind.Decimals)) + 1e-9
	if math.Abs(want-m.Value) > tol {
		c.add("value", "value %s does not match numerator/denominator (%s)", FormatNumber(m.Value, -1), FormatNumber(want, ind.Decimals))
	}
}

// FormatNumber formats v with the given decimals, or as short as exact when
// decimals is negative.
func FormatNumber(v float64, decimals int) string {
	if decimals < 0 {
		return fmt.Sprintf("%g", v)
	}
	return fmt.Sprintf("%.*f", decimals, v)
}
