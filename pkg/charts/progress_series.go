package charts

import (
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// addActual always adds the Actual series, even without values: the
// marks hang on it and tests find it by name.
func (p Progress) addActual(c *charts.Line, axis yearAxis) {
	label := opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{c}" + suffix(p.Unit)}
	c.AddSeries(SeriesActual, nil,
		withData(axis.values(p.Actual, p.Suppressed)),
		withLook(look{color: colorBlue, symbol: "circle", dash: "solid"}, 2.5),
		withConnectNulls(false),
		charts.WithLabelOpts(label),
		charts.WithLabelLayoutOpts(opts.LabelLayout{HideOverlap: opts.Bool(true)}),
		withMarkLines(p.markLines()),
	)
}

// markLines draws annotations, series breaks and suppressed years as
// vertical lines, each with its own style so they differ by more than
// colour: dashed grey, solid black, dotted grey.
func (p Progress) markLines() []markLineItem {
	var items []markLineItem
	for _, m := range p.Marks {
		it := markLineItem{
			Name:      m.Text,
			XAxis:     strconv.Itoa(m.Year),
			Label:     nameLabel("insideEndTop", colorGrey),
			LineStyle: &opts.LineStyle{Color: colorGrey, Type: "dashed", Width: 1},
		}
		if m.Break {
			it.Name = "Series break: " + m.Text
			it.Label = nameLabel("insideEndTop", colorBlack)
			it.LineStyle = &opts.LineStyle{Color: colorBlack, Type: "solid", Width: 2}
		}
		items = append(items, it)
	}
	for _, y := range p.Suppressed {
		items = append(items, markLineItem{
			Name:      "Suppressed (small number)",
			XAxis:     strconv.Itoa(y),
			Label:     nameLabel("insideEndTop", colorGrey),
			LineStyle: &opts.LineStyle{Color: colorGrey, Type: "dotted", Width: 1},
		})
	}
	return items
}

// addLines adds the glide path, projection and comparisons, each only
// when it has values.
func (p Progress) addLines(c *charts.Line, axis yearAxis) {
	if g := p.glide(); len(g) > 0 {
		c.AddSeries(SeriesGlide, nil, withData(axis.straight(g)),
			withLook(look{color: colorBlack, symbol: "none", dash: "dashed"}, 1.5), withConnectNulls(true))
	}
	if len(p.Projection) > 0 {
		c.AddSeries(SeriesProjection, nil, withData(axis.straight(p.Projection)),
			withLook(look{color: colorBluishGreen, symbol: "none", dash: "dotted"}, 2), withConnectNulls(true))
	}
	for i, l := range p.Comparisons {
		c.AddSeries(l.Name, nil, withData(axis.values(l.Points, l.Suppressed)),
			withLook(comparisonLook(i), 1), withConnectNulls(false))
	}
}

// comparisonLook keeps wider geographies in the background: thin grey
// lines told apart by symbol and dash.
func comparisonLook(i int) look {
	l := lookAt(i + 1)
	l.color = colorGrey
	return l
}

// addTarget adds the target, interim targets and baseline as scatter
// points, overlapped on the line chart.
func (p Progress) addTarget(c *charts.Line) {
	s := charts.NewScatter()
	if p.Target != nil {
		value := p.Target.Value
		line := markLineItem{
			Name:      p.targetLabel(),
			YAxis:     &value,
			Label:     nameLabel("insideStartTop", colorVermillion),
			LineStyle: &opts.LineStyle{Color: colorVermillion, Type: "solid", Width: 1},
		}
		s.AddSeries(SeriesTarget, scatterData([]Point{*p.Target}, p.targetLabel()),
			withScatterLook(colorVermillion, "triangle", 12), withMarkLines([]markLineItem{line}))
	}
	if len(p.Interim) > 0 {
		s.AddSeries(SeriesInterim, scatterData(p.Interim, ""), withScatterLook(colorReddishPurple, "diamond", 11))
	}
	if p.Baseline != nil {
		s.AddSeries(SeriesBaseline, scatterData([]Point{*p.Baseline}, ""), withScatterLook(colorBlack, "rect", 9))
	}
	c.Overlap(s)
}

// scatterData places points by year category name: on a category axis a
// numeric x would be read as a category index.
func scatterData(ps []Point, name string) []opts.ScatterData {
	data := make([]opts.ScatterData, 0, len(ps))
	for _, pt := range sortedPoints(ps) {
		data = append(data, opts.ScatterData{Name: name, Value: []any{strconv.Itoa(pt.Year), pt.Value}})
	}
	return data
}

func withScatterLook(color, symbol string, size int) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Color = color
		s.Symbol = symbol
		s.SymbolSize = size
		s.ItemStyle = &opts.ItemStyle{Color: color}
	})
}
