package report

import (
	"strconv"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Number formats v with at most the indicator's decimals, trimming trailing
// zeros so a published "84" does not turn into "84.0".
func Number(ind domain.Indicator, v float64) string {
	s := strconv.FormatFloat(v, 'f', ind.Decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Value formats v with the indicator's unit: "84%", "12.5 per 1,000", "$1200".
func Value(ind domain.Indicator, v float64) string {
	n := Number(ind, v)
	switch ind.Unit {
	case domain.UnitPercent:
		return n + "%"
	case domain.UnitRate:
		return n + " per " + strconv.Itoa(ind.RatePer)
	case domain.UnitCurrency:
		return "$" + n
	}
	return n
}

// UnitSuffix is the short unit shown on chart axes.
func UnitSuffix(ind domain.Indicator) string {
	if ind.Unit == domain.UnitPercent {
		return "%"
	}
	return ""
}

// GroupLabel names a measurement's subgroup for people.
func GroupLabel(dimension, group string) string {
	if dimension == "" && group == "" {
		return "All"
	}
	return dimension + ": " + group
}

// GapAmount formats the size of a gap between groups: percentage points
// for a rate in percent ("13.7 points"), the plain number otherwise.
func GapAmount(ind domain.Indicator, v float64) string {
	if ind.Unit == domain.UnitPercent {
		return Number(ind, v) + " points"
	}
	return Number(ind, v)
}
