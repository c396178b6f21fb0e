package progress

import (
	"math"
	"slices"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Trends of an equity gap.
const (
	TrendClosing          = "closing"
	TrendWidening         = "widening"
	TrendNoChange         = "no_change"
	TrendInsufficientData = "insufficient_data"
)

// GroupSeries is one group's figures, e.g. Race/ethnicity: Alaska Native.
type GroupSeries struct {
	Group  string  `json:"group"`
	Points []Point `json:"points"`
}

// GroupGap is how far one group is behind the reference group each year.
type GroupGap struct {
	Group string `json:"group"`
	// Gaps has one point per year both groups have. Positive means the group
	// is behind the reference, whichever direction is better.
	Gaps  []Point `json:"gaps"`
	Trend string  `json:"trend"`
	First *Point  `json:"first,omitempty"`
	Last  *Point  `json:"last,omitempty"`
}

// Gap is every group's gap to one reference group within a dimension.
type Gap struct {
	Reference string     `json:"reference"`
	Groups    []GroupGap `json:"groups"`
}

// EquityGap compares each group with the reference group. The trend compares
// the size of the gap at the first common year since baselineYear (or the
// earliest common year if none is that late) with the latest common year, so
// a gap that flips sign and grows counts as widening. Groups keep their input
// order; the reference itself is left out.
func EquityGap(reference string, groups []GroupSeries, dir domain.Direction, baselineYear int) Gap {
	g := Gap{Reference: reference, Groups: []GroupGap{}}
	i := slices.IndexFunc(groups, func(s GroupSeries) bool { return s.Group == reference })
	var ref map[int]float64
	if i >= 0 {
		ref = byYear(groups[i].Points)
	}
	for _, s := range groups {
		if s.Group != reference {
			g.Groups = append(g.Groups, groupGap(s, ref, dir, baselineYear))
		}
	}
	return g
}

// groupGap computes one group's gaps; a nil ref (missing or invalid
// reference) yields insufficient data.
func groupGap(s GroupSeries, ref map[int]float64, dir domain.Direction, baselineYear int) GroupGap {
	gg := GroupGap{Group: s.Group, Trend: TrendInsufficientData, Gaps: []Point{}}
	own := byYear(s.Points)
	if ref == nil || own == nil {
		return gg
	}
	for y, v := range own {
		if rv, ok := ref[y]; ok {
			gg.Gaps = append(gg.Gaps, Point{Year: y, Value: gain(dir, v, rv)})
		}
	}
	slices.SortFunc(gg.Gaps, func(a, b Point) int { return a.Year - b.Year })
	if len(gg.Gaps) == 0 {
		return gg
	}
	first, last := firstSince(gg.Gaps, baselineYear), gg.Gaps[len(gg.Gaps)-1]
	gg.First, gg.Last = &first, &last
	if first.Year < last.Year {
		gg.Trend = gapTrend(first.Value, last.Value)
	}
	return gg
}

// byYear indexes points by year; nil when a year repeats or a value is not
// a number, since either makes any gap a guess.
func byYear(pts []Point) map[int]float64 {
	m := make(map[int]float64, len(pts))
	for _, p := range pts {
		if _, dup := m[p.Year]; dup || !domain.Finite(p.Value) {
			return nil
		}
		m[p.Year] = p.Value
	}
	return m
}

// firstSince is the first sorted point at or after year, else the first.
func firstSince(sorted []Point, year int) Point {
	for _, p := range sorted {
		if p.Year >= year {
			return p
		}
	}
	return sorted[0]
}

func gapTrend(first, last float64) string {
	d := math.Abs(last) - math.Abs(first)
	switch {
	case d < -tolerance:
		return TrendClosing
	case d > tolerance:
		return TrendWidening
	}
	return TrendNoChange
}
