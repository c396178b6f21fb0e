package report

import (
	"sort"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Figure is a measurement as an audience sees it. When Suppressed is true
// the value, numerator and denominator must not be shown anywhere.
type Figure struct {
	domain.Measurement
	Suppressed bool
}

// Pending reports whether the figure awaits approval: it is shown only to
// members who asked for it (Audience.Pending), marked as such.
func (f Figure) Pending() bool { return f.Status == domain.StatusSubmitted }

// Suppress marks the figures whose denominator is below threshold, then
// applies complementary suppression: when a year's subgroups within a
// dimension have exactly one suppressed group, it could be recovered by
// subtracting the others from the total, so the next smallest group is
// hidden too. A threshold of 0 hides nothing.
func Suppress(ms []domain.Measurement, threshold int) []Figure {
	figs := make([]Figure, len(ms))
	for i, m := range ms {
		figs[i] = Figure{Measurement: m, Suppressed: small(m, threshold)}
	}
	if threshold <= 0 {
		return figs
	}
	for _, idx := range groupSets(figs) {
		complement(figs, idx)
	}
	return figs
}

func small(m domain.Measurement, threshold int) bool {
	return threshold > 0 && m.Denominator != nil && *m.Denominator < float64(threshold)
}

// groupSets returns the indexes of subgroup figures per indicator, year and dimension.
func groupSets(figs []Figure) map[string][]int {
	sets := map[string][]int{}
	for i, f := range figs {
		if !f.AllGroups() {
			k := f.Indicator + "\x00" + f.Dimension + "\x00" + itoa(f.Year)
			sets[k] = append(sets[k], i)
		}
	}
	return sets
}

func complement(figs []Figure, idx []int) {
	hidden := 0
	for _, i := range idx {
		if figs[i].Suppressed {
			hidden++
		}
	}
	if hidden != 1 || len(idx) < 2 {
		return
	}
	// Hide the smallest visible group: it reveals the least extra information.
	visible := make([]int, 0, len(idx))
	for _, i := range idx {
		if !figs[i].Suppressed {
			visible = append(visible, i)
		}
	}
	sort.SliceStable(visible, func(a, b int) bool { return size(figs[visible[a]]) < size(figs[visible[b]]) })
	figs[visible[0]].Suppressed = true
}

func size(f Figure) float64 {
	if f.Denominator == nil {
		return 1e18 // unknown size: hide a known-small group first
	}
	return *f.Denominator
}
