package dashboard

import (
	"slices"
	"strings"
)

// Catalog is what Check needs to know about the data.
type Catalog interface {
	// Partnership reports whether a partnership with this slug exists.
	Partnership(slug string) bool
	// Indicator reports whether the partnership has this indicator.
	Indicator(partnership, slug string) bool
	// Goal reports whether the partnership has this goal.
	Goal(partnership, slug string) bool
	// Groups returns the groups of dimension present in the indicator's
	// data, or nil when the dimension has no data for it.
	Groups(partnership, indicator, dimension string) []string
}

// Check verifies that every partnership, indicator, goal, dimension and
// reference group the dashboards name exists in the data. It reports every
// problem at once, as one *domain.Error (EINVALID) listing each
// "FILE:LINE: problem".
func Check(ds []*Dashboard, cat Catalog) error {
	var ps problems
	for _, d := range ds {
		if !cat.Partnership(d.Partnership) {
			ps.add(d.File, 1, "unknown partnership %q (the folder name must be the partnership's slug)", d.Partnership)
			continue
		}
		for i, p := range d.Panels {
			checkPanel(&ps, d, i+1, p, cat)
		}
	}
	return ps.err("invalid dashboards")
}

func checkPanel(ps *problems, d *Dashboard, num int, p Panel, cat Catalog) {
	at := func(field, format string, args ...any) {
		ps.add(d.File, p.lineOf(field), "panel %d: "+format, append([]any{num}, args...)...)
	}
	if p.Goal != "" && !cat.Goal(d.Partnership, p.Goal) {
		at("goal", "unknown goal %q in partnership %q", p.Goal, d.Partnership)
	}
	if p.Indicator == "" {
		return
	}
	if !cat.Indicator(d.Partnership, p.Indicator) {
		at("indicator", "unknown indicator %q in partnership %q", p.Indicator, d.Partnership)
		return
	}
	if p.Dimension == "" {
		return
	}
	groups := cat.Groups(d.Partnership, p.Indicator, p.Dimension)
	if len(groups) == 0 {
		at("dimension", "no data for dimension %q of indicator %q in partnership %q", p.Dimension, p.Indicator, d.Partnership)
		return
	}
	if p.Reference != "" && !slices.Contains(groups, p.Reference) {
		at("reference", "reference %q is not a group of %q for indicator %q (groups: %s)", p.Reference, p.Dimension, p.Indicator, strings.Join(groups, ", "))
	}
}
