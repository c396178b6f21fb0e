package charts

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// assetsHost is where go-echarts would load ECharts from if a chart were
// ever rendered: our own vendored copy, never its default public CDN.
const assetsHost = "/static/vendor/echarts/"

// formatKey is the option key read by pkg/web/static/charts.js.
const formatKey = "impactboard"

// format tells charts.js how to show values: exact numbers are rounded
// to Decimals and followed by Suffix; Suppressed maps a series name to the
// data indices whose value is hidden, which the tooltip calls suppressed
// instead of "no data".
type format struct {
	Suffix     string           `json:"suffix"`
	Decimals   int              `json:"decimals"`
	Suppressed map[string][]int `json:"suppressed,omitempty"`
}

// visitor is go-echarts' hook for what its option structs cannot say: it
// adds the format key and confines the tooltip to the chart, which matters
// for small multiples in narrow cards.
type visitor struct {
	charts.BaseConfigurationVisitor
	format format
}

type confinedTooltip struct {
	opts.Tooltip
	Confine bool `json:"confine"`
}

func (v visitor) Visit(option map[string]any) { option[formatKey] = v.format }

func (v visitor) VisitTooltipOpt(t opts.Tooltip) any {
	return confinedTooltip{Tooltip: t, Confine: true}
}

// chart is what every go-echarts chart we build offers.
type chart interface {
	Accept(charts.ConfigurationVisitor)
	Validate()
	JSON() map[string]any
}

// optionJSON validates c (go-echarts moves the axis data into place there)
// and marshals its option. encoding/json escapes <, > and & as \u003c and
// so on, which JSON.parse reads back unchanged.
func optionJSON(c chart, f format) ([]byte, error) {
	c.Accept(visitor{format: f})
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("marshal chart option: %w", err)
	}
	return b, nil
}

// suffix makes a unit safe inside an ECharts string template, where
// braces name variables ("{value}").
func suffix(unit string) string {
	return strings.NewReplacer("{", "", "}", "").Replace(unit)
}

// commonOpts are the options of every chart: stable id, local assets, no
// animation (tests and print see the final frame at once), Okabe-Ito
// colours, axis tooltip.
func commonOpts(id, title string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, AssetsHost: assetsHost}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(palette),
		charts.WithTitleOpts(opts.Title{Title: title, TitleStyle: &opts.TextStyle{FontSize: 14}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
	}
}

// withLegend puts a one-line legend under the title; "scroll" pages it
// rather than wrapping over the plot on narrow screens.
func withLegend(names []string) charts.GlobalOpts {
	return charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "26", Data: names})
}

func withGrid(top string) charts.GlobalOpts {
	return charts.WithGridOpts(opts.Grid{Top: top, Left: "8", Right: "24", Bottom: "8", ContainLabel: opts.Bool(true)})
}

// valueAxis fits the data unless lo or hi fix it.
func valueAxis(unit string, lo, hi *float64) opts.YAxis {
	y := opts.YAxis{
		Type:      "value",
		Scale:     opts.Bool(true),
		AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Formatter: valueTemplate(unit)},
	}
	if lo != nil {
		y.Min = *lo
	}
	if hi != nil {
		y.Max = *hi
	}
	return y
}

// valueTemplate is the axis label: the value and the unit suffix, as an
// ECharts string template (a JavaScript function could not travel as JSON).
func valueTemplate(unit string) types.FuncStr {
	return types.FuncStr("{value}" + suffix(unit))
}

// newYearChart is a line chart over the year axis.
func newYearChart(id, title, unit string, axis yearAxis, lo, hi *float64) *charts.Line {
	c := charts.NewLine()
	c.SetGlobalOptions(commonOpts(id, title)...)
	c.SetGlobalOptions(
		withGrid("64"),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(valueAxis(unit, lo, hi)),
	)
	c.SetXAxis(axis.categories())
	return c
}

// withData sets series data that go-echarts' typed items cannot hold:
// their Value has omitempty, so a missing year would become {} instead of
// the null that breaks a line.
func withData(data []any) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = data })
}

// withLook colours a series and draws it with a symbol and a dash.
func withLook(l look, width float32) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Color = l.color
		s.Symbol = l.symbol
		s.SymbolSize = 7
		s.ItemStyle = &opts.ItemStyle{Color: l.color}
		s.LineStyle = &opts.LineStyle{Color: l.color, Type: l.dash, Width: width}
	})
}

// withConnectNulls says whether a line bridges years without a value.
// (WithLineChartOpts would also reset the symbol set by withLook.)
func withConnectNulls(connect bool) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.ConnectNulls = opts.Bool(connect) })
}

// markLineItem is one entry of a series' markLine: go-echarts' typed items
// carry neither a label nor a line style of their own. The label always
// shows {b}, the item's name, so a user's text is drawn as it is and never
// read as a template.
type markLineItem struct {
	Name      string          `json:"name"`
	XAxis     string          `json:"xAxis,omitempty"`
	YAxis     *float64        `json:"yAxis,omitempty"`
	Label     *opts.Label     `json:"label,omitempty"`
	LineStyle *opts.LineStyle `json:"lineStyle,omitempty"`
}

func withMarkLines(items []markLineItem) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		if len(items) == 0 {
			return
		}
		if s.MarkLines == nil {
			s.MarkLines = &opts.MarkLines{}
		}
		s.MarkLines.Symbol = []string{"none", "none"}
		for _, it := range items {
			s.MarkLines.Data = append(s.MarkLines.Data, it)
		}
	})
}

func nameLabel(position string, color string) *opts.Label {
	return &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Position: position, Color: color}
}
