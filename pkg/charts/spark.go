package charts

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// SparkOption returns the ECharts option, as JSON, of a small multiple:
// the actual values as a thin line ("Actual"), the glide path dashed
// ("Glide path", when given) and the target as a point ("Target"), with
// no legend, no title drawn (the card around it has the heading; the title
// stays in the option, hidden), no value axis and only year labels.
func SparkOption(s Spark) ([]byte, error) {
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("spark chart %q: %w", s.ID, err)
	}
	var axis yearAxis
	axis.spanPoints(s.Actual)
	axis.spanPoints(s.Glide)
	axis.spanPoints(pointList(s.Target))
	for _, g := range s.Groups {
		axis.spanPoints(g.Points)
	}
	c := charts.NewLine()
	c.SetGlobalOptions(commonOpts(s.ID, s.Title)...)
	c.SetGlobalOptions(
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: s.Title}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Top: "10", Left: "6", Right: "14", Bottom: "2", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(sparkYearAxis()),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Show: opts.Bool(false), Scale: opts.Bool(true)}),
	)
	c.SetXAxis(axis.categories())
	c.AddSeries(SeriesActual, nil, withData(axis.values(s.Actual, nil)),
		withLook(look{color: colorBlue, symbol: "circle", dash: "solid"}, 2), withConnectNulls(false), withSymbolSize(4))
	for _, g := range s.Groups {
		c.AddSeries(g.Name, nil, withData(axis.values(g.Points, g.Suppressed)),
			withLook(look{color: colorGrey, symbol: "circle", dash: "solid"}, 1), withConnectNulls(true), withSymbolSize(3))
	}
	if len(s.Glide) > 0 {
		c.AddSeries(SeriesGlide, nil, withData(axis.straight(s.Glide)),
			withLook(look{color: colorBlack, symbol: "none", dash: "dashed"}, 1), withConnectNulls(true))
	}
	if s.Target != nil {
		sc := charts.NewScatter()
		sc.AddSeries(SeriesTarget, scatterData([]Point{*s.Target}, ""), withScatterLook(colorVermillion, "triangle", 9))
		c.Overlap(sc)
	}
	return optionJSON(c, format{Suffix: suffix(s.Unit), Decimals: s.Decimals})
}

func (s Spark) check() error {
	if err := checkPoints(SeriesActual, s.Actual); err != nil {
		return err
	}
	if err := checkPoints(SeriesGlide, s.Glide); err != nil {
		return err
	}
	for _, g := range s.Groups {
		if err := checkPoints(g.Name, g.Points); err != nil {
			return err
		}
	}
	return checkPoints(SeriesTarget, pointList(s.Target))
}

// sparkYearAxis shows small year labels and nothing else.
func sparkYearAxis() opts.XAxis {
	return opts.XAxis{
		Type:      "category",
		AxisTick:  &opts.AxisTick{Show: opts.Bool(false)},
		AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), FontSize: 10, ShowMinLabel: opts.Bool(true), ShowMaxLabel: opts.Bool(true)},
		AxisLine:  &opts.AxisLine{LineStyle: &opts.LineStyle{Color: colorGrey}},
	}
}

func withSymbolSize(size int) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.SymbolSize = size })
}
