package charts

import (
	"fmt"
	"strconv"
	"strings"
)

// Series names of a progress chart. Browser tests find series by these
// names; comparison series are named by their geography.
const (
	SeriesActual     = "Actual"
	SeriesTarget     = "Target"
	SeriesGlide      = "Glide path"
	SeriesProjection = "Projection"
	SeriesInterim    = "Interim targets"
	SeriesBaseline   = "Baseline"
)

// reserved are the names a comparison geography cannot take: the legend
// and tests tell series apart by name.
var reserved = map[string]bool{
	SeriesActual: true, SeriesTarget: true, SeriesGlide: true,
	SeriesProjection: true, SeriesInterim: true, SeriesBaseline: true,
}

// ProgressOption returns the ECharts option, as JSON, of an indicator's
// progress chart: actual values (solid, with symbols and value labels),
// the target point with a horizontal line at its value, the dashed glide
// path, the dotted projection, interim targets, the baseline, comparison
// geographies in grey, and annotations and series breaks as vertical
// lines on the actual series. Every year from the first to the last is a
// category, so missing and suppressed years are gaps.
func ProgressOption(p Progress) ([]byte, error) {
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("progress chart %q: %w", p.ID, err)
	}
	axis := p.axis()
	c := newYearChart(p.ID, p.Title, p.Unit, axis, p.YMin, p.YMax)
	p.addActual(c, axis)
	p.addLines(c, axis)
	p.addTarget(c)
	c.SetGlobalOptions(withLegend(p.legend()))
	f := format{Suffix: suffix(p.Unit), Decimals: p.Decimals, Suppressed: suppressedIndices(axis, p.Comparisons)}
	if len(p.Suppressed) > 0 {
		f.Suppressed[SeriesActual] = axis.indices(p.Suppressed)
	}
	f.Marks = marksFormat(p.Marks)
	return optionJSON(c, f)
}

func (p Progress) check() error {
	checks := []struct {
		what string
		ps   []Point
	}{
		{SeriesActual, p.Actual}, {SeriesGlide, p.Glide}, {SeriesProjection, p.Projection},
		{SeriesInterim, p.Interim}, {SeriesBaseline, pointList(p.Baseline)}, {SeriesTarget, pointList(p.Target)},
	}
	for _, ch := range checks {
		if err := checkPoints(ch.what, ch.ps); err != nil {
			return err
		}
	}
	if err := checkLines(p.Comparisons); err != nil {
		return err
	}
	for _, l := range p.Comparisons {
		if reserved[l.Name] {
			return fmt.Errorf("comparison %q has the name of a progress series", l.Name)
		}
	}
	for _, y := range p.Suppressed {
		if err := checkYear("suppressed", y); err != nil {
			return err
		}
	}
	for _, m := range p.Marks {
		if err := checkYear("mark "+strconv.Quote(m.Text), m.Year); err != nil {
			return err
		}
	}
	return checkBounds(p.YMin, p.YMax)
}

func (p Progress) axis() yearAxis {
	var a yearAxis
	for _, ps := range [][]Point{p.Actual, p.Glide, p.Projection, p.Interim, pointList(p.Baseline), pointList(p.Target)} {
		a.spanPoints(ps)
	}
	for _, l := range p.Comparisons {
		a.spanPoints(l.Points)
	}
	a.spanYears(p.Suppressed)
	for _, m := range p.Marks {
		a.span(m.Year)
	}
	return a
}

// legend orders the series from the data to its yardsticks and context,
// whatever order go-echarts holds them in.
func (p Progress) legend() []string {
	names := []string{SeriesActual}
	add := func(name string, present bool) {
		if present {
			names = append(names, name)
		}
	}
	add(SeriesTarget, p.Target != nil)
	add(SeriesGlide, len(p.glide()) > 0)
	add(SeriesProjection, len(p.Projection) > 0)
	add(SeriesInterim, len(p.Interim) > 0)
	add(SeriesBaseline, p.Baseline != nil)
	for _, l := range p.Comparisons {
		names = append(names, l.Name)
	}
	return names
}

// glide is the glide path as given, or the straight line from baseline to
// target when none is given.
func (p Progress) glide() []Point {
	if len(p.Glide) > 0 || p.Baseline == nil || p.Target == nil {
		return p.Glide
	}
	return []Point{*p.Baseline, *p.Target}
}

// targetLabel is TargetLabel or, without one, "Target 90% by 2020".
func (p Progress) targetLabel() string {
	if p.TargetLabel != "" {
		return p.TargetLabel
	}
	return fmt.Sprintf("Target %s%s by %d", number(p.Target.Value, p.Decimals), p.Unit, p.Target.Year)
}

func pointList(p *Point) []Point {
	if p == nil {
		return nil
	}
	return []Point{*p}
}

// number formats v like the server's tables: fixed decimals, trailing
// zeros trimmed.
func number(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', max(decimals, 0), 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}
