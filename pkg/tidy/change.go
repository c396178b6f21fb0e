package tidy

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// String describes the change for a person: "hs-graduation-4yr 2019
// (all): 84 -> 85", with the other fields that change after the value, or
// "... : new 85" for an added figure.
func (c Change) String() string {
	m := c.New
	head := fmt.Sprintf("%s %d (%s): ", m.Indicator, m.Year, Subgroup(m))
	if c.Old == nil {
		return head + "new " + number(&m.Value)
	}
	o := *c.Old
	diffs := []string{number(&o.Value) + " -> " + number(&m.Value)}
	if o.Value == m.Value { // the value names the figure; say it stays
		diffs[0] = number(&m.Value) + " (value unchanged)"
	}
	if !sameNumber(o.Numerator, m.Numerator) || !sameNumber(o.Denominator, m.Denominator) {
		diffs = append(diffs, fmt.Sprintf("numerator/denominator %s/%s -> %s/%s",
			number(o.Numerator), number(o.Denominator), number(m.Numerator), number(m.Denominator)))
	}
	for _, f := range []struct{ name, old, new string }{
		{"note", o.Note, m.Note}, {"source", o.Source, m.Source}, {"status", string(o.Status), string(m.Status)},
	} {
		if f.old != f.new {
			diffs = append(diffs, fmt.Sprintf("%s %q -> %q", f.name, f.old, f.new))
		}
	}
	return head + strings.Join(diffs, "; ")
}

// Subgroup names a figure's group as "Dimension: Group", or "all".
func Subgroup(m domain.Measurement) string {
	if m.AllGroups() {
		return "all"
	}
	return m.Dimension + ": " + m.Group
}

func number(v *float64) string {
	if v == nil {
		return "none"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
