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
		withMarkLines(p.markLines(axis)),
	)
}

// Labels of the vertical lines. A series break or a suppressed year is
// labelled with a fixed word; the user's whole text is its name, which
// heads the axis tooltip of its year (format.Marks) and is listed under
// the chart on the page.
const (
	labelBreak      = "Series break"
	labelSuppressed = "Suppressed"
	nameSuppressed  = "Suppressed (small number)"
	// noteWidth is where an annotation's label is cut with an ellipsis.
	noteWidth = 110
)

// markLines draws annotations, series breaks and suppressed years as
// vertical lines, each with its own style so they differ by more than
// colour: dashed grey, solid black, dotted grey. Each label is short,
// horizontal and above the plot (position "end"), where it crosses
// neither the axis labels nor the points; see markLabelAt.
func (p Progress) markLines(axis yearAxis) []markLineItem {
	items := markItems(axis, p.Marks)
	for _, y := range p.Suppressed {
		items = append(items, markLineItem{
			Name:      nameSuppressed,
			XAxis:     strconv.Itoa(y),
			Label:     markLabelAt(axis, y, labelSuppressed, colorGrey),
			LineStyle: &opts.LineStyle{Color: colorGrey, Type: "dotted", Width: 1},
		})
	}
	return items
}

// markItems are the vertical lines of annotations and series breaks, the
// same on every chart over years.
func markItems(axis yearAxis, marks []Mark) []markLineItem {
	var items []markLineItem
	for _, m := range marks {
		it := markLineItem{
			Name:      m.name(),
			XAxis:     strconv.Itoa(m.Year),
			Label:     markLabelAt(axis, m.Year, "{b}", colorGrey),
			LineStyle: &opts.LineStyle{Color: colorGrey, Type: "dashed", Width: 1},
		}
		it.Label.Width, it.Label.Overflow, it.Label.Ellipsis = noteWidth, "truncate", "…"
		if m.Break {
			it.Label = markLabelAt(axis, m.Year, labelBreak, colorBlack)
			it.LineStyle = &opts.LineStyle{Color: colorBlack, Type: "solid", Width: 2}
		}
		items = append(items, it)
	}
	return items
}

// marksWithin are the marks whose year is on the axis: a category axis has
// no place for a line outside it, and one before the first figure says
// nothing about the lines drawn.
func marksWithin(axis yearAxis, marks []Mark) []Mark {
	var in []Mark
	for _, m := range marks {
		if axis.first != 0 && m.Year >= axis.first && m.Year <= axis.last {
			in = append(in, m)
		}
	}
	return in
}

// marksFormat maps each mark's year to its whole text, for the tooltip.
func marksFormat(marks []Mark) map[string][]string {
	if len(marks) == 0 {
		return nil
	}
	out := map[string][]string{}
	for _, m := range marks {
		year := strconv.Itoa(m.Year)
		out[year] = append(out[year], m.name())
	}
	return out
}

// name is a mark's whole text, as its markLine's name and in the tooltip.
func (m Mark) name() string {
	if m.Break {
		return "Series break: " + m.Text
	}
	return m.Text
}

// markLabelAt is the label of a vertical line at year: small, above the
// top of the line. Centred on the line it could run over the value axis
// labels near the first year or out of the chart near the last, so in the
// first third of the axis it starts at the line and in the last third it
// ends there.
func markLabelAt(axis yearAxis, year int, formatter, color string) *markLabel {
	l := &markLabel{Show: true, Formatter: formatter, Position: "end", Color: color, FontSize: 11}
	if n := len(axis.categories()); n > 1 {
		switch i := axis.index(year); {
		case 3*i < n:
			l.Align = "left"
		case 3*i >= 2*n:
			l.Align = "right"
		}
	}
	return l
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
			Label:     targetLabel(),
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

// targetLabel sits under the target line at its start: above it, where
// the target is the top of the axis, it would run into the labels of the
// vertical lines. Its white ground keeps it legible where a vertical line
// at the first years crosses it.
func targetLabel() *markLabel {
	l := nameLabel("insideStartBottom", colorVermillion)
	l.BackgroundColor = "#ffffff"
	l.Padding = []int{1, 2}
	l.LineHeight = 14 // without it ECharts' SVG ground covers half the text
	return l
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
