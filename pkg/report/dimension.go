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
	Name   string
	Groups []progress.GroupSeries // suppressed figures left out
	// Suppressed lists, by group, the years whose figure exists but is
	// suppressed, so tables and charts say "suppressed" rather than
	// showing the same dash as a year without data. A group whose every
	// figure is suppressed is in Groups with no points.
	Suppressed map[string][]int
	Statuses   []GroupStatus
	Reference  string // the group gaps are measured against
	Gap        progress.Gap
	Years      []int // every year any group has a figure, suppressed or not
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
		if f.AllGroups() {
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

// add puts f in its group's series; a suppressed figure only records its
// year, never its value.
func (d *Dimension) add(f Figure) {
	g := d.group(f.Group)
	if f.Suppressed {
		if d.Suppressed == nil {
			d.Suppressed = map[string][]int{}
		}
		d.Suppressed[f.Group] = append(d.Suppressed[f.Group], f.Year)
		return
	}
	g.Points = append(g.Points, progress.Point{Year: f.Year, Value: f.Value})
}

func (d *Dimension) group(name string) *progress.GroupSeries {
	for i := range d.Groups {
		if d.Groups[i].Group == name {
			return &d.Groups[i]
		}
	}
	d.Groups = append(d.Groups, progress.GroupSeries{Group: name, Points: []progress.Point{}})
	return &d.Groups[len(d.Groups)-1]
}

func (d *Dimension) finish(ind domain.Indicator, overall progress.Result) {
	years := map[int]bool{}
	for _, ys := range d.Suppressed {
		for _, y := range ys {
			years[y] = true
		}
	}
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

// Dimension is the indicator's dimension called name; false, and a
// Dimension with only that name, when the indicator has no figures by it.
func (r *Indicator) Dimension(name string) (Dimension, bool) {
	i := slices.IndexFunc(r.Dimensions, func(d Dimension) bool { return d.Name == name })
	if i < 0 {
		return Dimension{Name: name}, false
	}
	return r.Dimensions[i], true
}

// GapWords says for each group of d where it stands against d's reference
// group and how that moved (progress.GapWords), naming the side, so a group
// that was ahead and is now behind reads as such. The pages and snapshots
// say it the same way.
func (r *Indicator) GapWords(d Dimension) []string {
	amount := func(v float64) string { return GapAmount(r.Indicator, v) }
	var out []string
	for _, g := range d.Gap.Groups {
		out = append(out, progress.GapWords(g, d.Gap.Reference, amount))
	}
	return out
}
