package charts

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// GapOption returns the ECharts option, as JSON, of each group's gap to
// the reference group over years, one line per group, with a line at zero
// labelled with the reference group. The value axis always includes zero
// so a gap's size reads against "no gap". Marks (series breaks) are drawn
// as on the progress chart.
func GapOption(g GapChart) ([]byte, error) {
	if err := checkLines(g.Lines); err != nil {
		return nil, fmt.Errorf("gap chart %q: %w", g.ID, err)
	}
	axis := linesAxis(g.Lines)
	c := newYearChart(g.ID, g.Title, g.Unit, axis, nil, nil)
	c.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{
		Type:      "value",
		AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Formatter: valueTemplate(g.Unit)},
	}))
	addGroupLines(c, axis, g.Lines)
	marks := marksWithin(axis, g.Marks)
	if len(c.MultiSeries) > 0 {
		lines := append([]markLineItem{referenceLine(g.Reference)}, markItems(axis, marks)...)
		c.MultiSeries[0].ConfigureSeriesOpts(withMarkLines(lines))
	}
	c.SetGlobalOptions(withLegend(lineNames(g.Lines)))
	return optionJSON(c, format{Suffix: suffix(g.Unit), Decimals: g.Decimals, Suppressed: suppressedIndices(axis, g.Lines), Marks: marksFormat(marks)})
}

func referenceLine(reference string) markLineItem {
	zero := 0.0
	name := "No gap"
	if reference != "" {
		name = "No gap with " + reference
	}
	return markLineItem{
		Name:      name,
		YAxis:     &zero,
		Label:     nameLabel("insideStartTop", colorBlack),
		LineStyle: &opts.LineStyle{Color: colorBlack, Type: "solid", Width: 1},
	}
}
