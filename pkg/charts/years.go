package charts

import (
	"slices"
	"strconv"
)

// Year bounds, the same as the domain's: a stray year such as 20 or 20190
// would otherwise stretch the axis to thousands of categories.
const (
	minYear = 1900
	maxYear = 2100
)

// yearAxis is the x axis of a chart over years. It is a category axis with
// one category for every year from first to last, so a year without a
// value is a visible gap (a null in the series, connectNulls false) rather
// than a segment bridging it, and markLines and scatter points address a
// year by its category name ("2013"). A value axis would need explicit
// null points to break a line and would place ticks at non-integer years.
type yearAxis struct {
	first, last int
}

// span grows the axis to include year.
func (a *yearAxis) span(year int) {
	if a.first == 0 || year < a.first {
		a.first = year
	}
	if year > a.last {
		a.last = year
	}
}

func (a *yearAxis) spanPoints(ps []Point) {
	for _, p := range ps {
		a.span(p.Year)
	}
}

func (a *yearAxis) spanYears(ys []int) {
	for _, y := range ys {
		a.span(y)
	}
}

func (a yearAxis) categories() []string {
	if a.first == 0 {
		return []string{}
	}
	cs := make([]string, 0, a.last-a.first+1)
	for y := a.first; y <= a.last; y++ {
		cs = append(cs, strconv.Itoa(y))
	}
	return cs
}

func (a yearAxis) index(year int) int { return year - a.first }

// values lays ps out on the axis: one entry per year, nil (JSON null)
// where there is no value or the year is hidden.
func (a yearAxis) values(ps []Point, hidden []int) []any {
	vs := make([]any, len(a.categories()))
	for _, p := range ps {
		vs[a.index(p.Year)] = p.Value
	}
	for _, y := range hidden {
		if i := a.index(y); i >= 0 && i < len(vs) {
			vs[i] = nil
		}
	}
	return vs
}

// indices converts years to data indices on the axis.
func (a yearAxis) indices(years []int) []int {
	is := make([]int, 0, len(years))
	for _, y := range years {
		is = append(is, a.index(y))
	}
	return is
}

// straight lays out a line that is straight between its points (a glide
// path, a projection): every year between two given points gets the value
// on the segment, so the axis tooltip reads the line wherever it is drawn.
func (a yearAxis) straight(ps []Point) []any {
	ps = sortedPoints(ps)
	vs := a.values(ps, nil)
	for i := 1; i < len(ps); i++ {
		p, q := ps[i-1], ps[i]
		for y := p.Year + 1; y < q.Year; y++ {
			vs[a.index(y)] = p.Value + (q.Value-p.Value)*float64(y-p.Year)/float64(q.Year-p.Year)
		}
	}
	return vs
}

// linesAxis spans every year of ls, suppressed ones included.
func linesAxis(ls []Line) yearAxis {
	var a yearAxis
	for _, l := range ls {
		a.spanPoints(l.Points)
		a.spanYears(l.Suppressed)
	}
	return a
}

// suppressedIndices maps each line with suppressed years to their data
// indices, for the tooltip.
func suppressedIndices(a yearAxis, ls []Line) map[string][]int {
	m := map[string][]int{}
	for _, l := range ls {
		if len(l.Suppressed) > 0 {
			m[l.Name] = a.indices(l.Suppressed)
		}
	}
	return m
}

func sortedPoints(ps []Point) []Point {
	return slices.SortedFunc(slices.Values(ps), func(p, q Point) int { return p.Year - q.Year })
}
