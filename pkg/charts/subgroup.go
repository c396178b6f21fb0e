package charts

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// SubgroupOption returns the ECharts option, as JSON, of one line per
// group over years, each named by its group and drawn with its own colour,
// symbol and dash. Suppressed years are gaps.
func SubgroupOption(s Subgroup) ([]byte, error) {
	if err := checkLines(s.Lines); err != nil {
		return nil, fmt.Errorf("subgroup chart %q: %w", s.ID, err)
	}
	axis := linesAxis(s.Lines)
	c := newYearChart(s.ID, s.Title, s.Unit, axis, nil, nil)
	addGroupLines(c, axis, s.Lines)
	c.SetGlobalOptions(withLegend(lineNames(s.Lines)))
	return optionJSON(c, format{Suffix: suffix(s.Unit), Decimals: s.Decimals, Suppressed: suppressedIndices(axis, s.Lines)})
}

func addGroupLines(c *charts.Line, axis yearAxis, ls []Line) {
	for i, l := range ls {
		c.AddSeries(l.Name, nil, withData(axis.values(l.Points, l.Suppressed)),
			withLook(lookAt(i), 2), withConnectNulls(false))
	}
}

func lineNames(ls []Line) []string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.Name
	}
	return names
}

// LatestBarsOption returns the ECharts option, as JSON, of horizontal bars
// for one year (LatestYear, or the latest of any group), one bar per group
// in the order given, top to bottom. The one series is named by the year.
// A group without a value that year, or whose value is suppressed, keeps
// its row with no bar.
func LatestBarsOption(s Subgroup) ([]byte, error) {
	if err := checkLines(s.Lines); err != nil {
		return nil, fmt.Errorf("latest bars chart %q: %w", s.ID, err)
	}
	year := s.LatestYear
	if year == 0 {
		year = linesAxis(s.Lines).last
	}
	name := strconv.Itoa(year)
	values, hidden := valuesAt(s.Lines, year)
	c := charts.NewBar()
	c.SetGlobalOptions(commonOpts(s.ID, s.Title)...)
	c.SetGlobalOptions(
		withGrid("40"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(barValueAxis(s.Unit)),
		charts.WithYAxisOpts(groupAxis()),
	)
	c.XYReversal()
	c.SetXAxis(lineNames(s.Lines))
	c.AddSeries(name, nil, withData(values), withBarLook(s.Unit))
	f := format{Suffix: suffix(s.Unit), Decimals: s.Decimals}
	if len(hidden) > 0 {
		f.Suppressed = map[string][]int{name: hidden}
	}
	return optionJSON(c, f)
}

// valuesAt is each line's value at year (nil when it has none or it is
// suppressed) and the indices of the suppressed ones.
func valuesAt(ls []Line, year int) ([]any, []int) {
	values := make([]any, len(ls))
	var hidden []int
	for i, l := range ls {
		if slices.Contains(l.Suppressed, year) {
			hidden = append(hidden, i)
			continue
		}
		for _, p := range l.Points {
			if p.Year == year {
				values[i] = p.Value
			}
		}
	}
	return values, hidden
}

// groupAxis lists groups top to bottom in the order given. Names stay on
// one line: ECharts' SVG renderer overlapped wrapped lines ("break") in
// Chromium, and truncating would hide which group a bar is.
func groupAxis() opts.YAxis {
	return opts.YAxis{Type: "category", Inverse: opts.Bool(true)}
}

// barValueAxis starts at zero (bar lengths must be comparable), which is
// the ECharts default without scale.
func barValueAxis(unit string) opts.XAxis {
	return opts.XAxis{
		Type:      "value",
		AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Formatter: valueTemplate(unit)},
	}
}

func withBarLook(unit string) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Color = colorBlue
		s.ItemStyle = &opts.ItemStyle{Color: colorBlue}
		s.Label = &opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "{c}" + suffix(unit)}
		s.BarMaxWidth = "28"
	})
}
