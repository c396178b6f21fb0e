package report

import (
	"maps"
	"slices"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/progress"
)

// Dimension is one way of splitting an indicator's population (race,
// district, ...) with a series per group and the equity gap.
type Dimension struct {
	Name      string
	Groups    []progress.GroupSeries // suppressed figures left out
	Statuses  []GroupStatus
	Reference string // the group gaps are measured against
	Gap       progress.Gap
	Years     []int // every year any group has a figure
}

// GroupStatus is the progress of one group against the indicator's target,
// shown where a partnership has no all-groups series (e.g. by district).
type GroupStatus struct {
	Group  string
	Result progress.Result
}

func dimensions(ind domain.Indicator, figs []Figure, overall progress.Result) []Dimension {
	var out []Dimension
	index := map[string]int{}
	for _, f := range figs {
		if f.AllGroups() || f.Suppressed {
			continue
		}
		i, ok := index[f.Dimension]
		if !ok {
			i = len(out)
			index[f.Dimension] = i
			out = append(out, Dimension{Name: f.Dimension})
		}
		out[i].add(f)
	}
	for i := range out {
		out[i].finish(ind, overall)
	}
	// The dimension with the most groups (districts, race) leads: it is the
	// fullest picture, and where no all-groups series exists it stands in.
	slices.SortStableFunc(out, func(a, b Dimension) int { return len(b.Groups) - len(a.Groups) })
	return out
}

func (d *Dimension) add(f Figure) {
	p := progress.Point{Year: f.Year, Value: f.Value}
	for i := range d.Groups {
		if d.Groups[i].Group == f.Group {
			d.Groups[i].Points = append(d.Groups[i].Points, p)
			return
		}
	}
	d.Groups = append(d.Groups, progress.GroupSeries{Group: f.Group, Points: []progress.Point{p}})
}

func (d *Dimension) finish(ind domain.Indicator, overall progress.Result) {
	years := map[int]bool{}
	for _, g := range d.Groups {
		for _, p := range g.Points {
			years[p.Year] = true
		}
		d.Statuses = append(d.Statuses, GroupStatus{Group: g.Group, Result: progress.Assess(progress.Input{
			Direction: ind.Direction, Method: ind.Method, Target: point(ind.Target), Series: g.Points,
		})})
	}
	d.Years = sortedYears(years)
	*d = d.WithReference(ind, reference(ind, d.Groups), overall)
}

// reference picks the group that gaps are measured against: the group with
// the best latest value, so every gap reads as "how far behind".
func reference(ind domain.Indicator, groups []progress.GroupSeries) string {
	best, ref := 0.0, ""
	for _, g := range groups {
		if len(g.Points) == 0 {
			continue
		}
		v := g.Points[len(g.Points)-1].Value
		better := ref == "" || (ind.Direction == domain.LowerIsBetter && v < best) || (ind.Direction != domain.LowerIsBetter && v > best)
		if better {
			best, ref = v, g.Group
		}
	}
	return ref
}

func sortedYears(set map[int]bool) []int {
	return slices.Sorted(maps.Keys(set))
}

// WithReference returns d with its equity gap measured against ref instead
// of the best-performing group.
func (d Dimension) WithReference(ind domain.Indicator, ref string, overall progress.Result) Dimension {
	baseYear := 0
	if overall.Baseline != nil {
		baseYear = overall.Baseline.Year
	}
	d.Reference = ref
	d.Gap = progress.EquityGap(ref, d.Groups, ind.Direction, baseYear)
	return d
}
