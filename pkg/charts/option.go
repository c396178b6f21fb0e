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
	// GroupLabelShare is the share of the chart's width that charts.js
	// gives the group names of a bar chart (the y axis); longer names end
	// in an ellipsis so narrow screens keep room for the bars.
	GroupLabelShare float64 `json:"groupLabelShare,omitempty"`
	// Marks maps a year category to the whole texts of its vertical lines
	// (annotations, series breaks), which charts.js adds to the heading of
	// the axis tooltip (over the plot it wins over a markLine's own).
	Marks map[string][]string `json:"marks,omitempty"`
}

// visitor is go-echarts' hook for what its option structs cannot say: it
// adds the format key and confines the tooltip to the chart, which matters
// for small multiples in narrow cards.
type visitor struct {
	charts.BaseConfigurationVisitor
	format format
}

// The HTML tooltip styles itself inline, which the pages' strict CSP
// blocks; the rich-text one is drawn by the renderer itself.
type confinedTooltip struct {
	opts.Tooltip
	Confine    bool   `json:"confine"`
	RenderMode string `json:"renderMode"`
}

func (v visitor) Visit(option map[string]any) { option[formatKey] = v.format }

func (v visitor) VisitTooltipOpt(t opts.Tooltip) any {
	return confinedTooltip{Tooltip: t, Confine: true, RenderMode: "richText"}
}

// fittedTitle is a title whose text and subtitle end in an ellipsis when
// they would run past the chart: charts.js sets their width to the
// chart's on every resize (ECharts takes a text width only in pixels). The
// page heading above a chart names it, so a cut title loses nothing.
type fittedTitle struct {
	opts.Title
	TextStyle    fittedText `json:"textStyle"`
	SubtextStyle fittedText `json:"subtextStyle"`
}

type fittedText struct {
	FontSize   int    `json:"fontSize,omitempty"`
	FontWeight string `json:"fontWeight,omitempty"`
	Color      string `json:"color,omitempty"`
	LineHeight int    `json:"lineHeight,omitempty"`
	Overflow   string `json:"overflow"`
	Ellipsis   string `json:"ellipsis"`
}

func (v visitor) VisitTitleOpt(t opts.Title) any {
	out := fittedTitle{
		Title:        t,
		TextStyle:    fittedText{FontSize: 14, Overflow: "truncate", Ellipsis: "…"},
		SubtextStyle: fittedText{FontSize: 12, Color: colorGrey, LineHeight: subtitleLine, Overflow: "truncate", Ellipsis: "…"},
	}
	if t.TitleStyle != nil && t.TitleStyle.FontSize > 0 {
		out.TextStyle.FontSize = t.TitleStyle.FontSize
	}
	return out
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
// carry neither a label nor a line style of their own. A user's text only
// ever travels as the item's name (and in format.Marks): the label shows
// it through {b} or shows a fixed text of ours, so it is never read as a
// template.
type markLineItem struct {
	Name      string          `json:"name"`
	XAxis     string          `json:"xAxis,omitempty"`
	YAxis     *float64        `json:"yAxis,omitempty"`
	Label     *markLabel      `json:"label,omitempty"`
	LineStyle *opts.LineStyle `json:"lineStyle,omitempty"`
}

// markLabel is a markLine's label. Width and Overflow cut a long text with
// an ellipsis; Align overrides where ECharts anchors the text on the line.
type markLabel struct {
	Show      bool   `json:"show"`
	Formatter string `json:"formatter"`
	Position  string `json:"position"`
	Align     string `json:"align,omitempty"`
	Color     string `json:"color"`
	FontSize  int    `json:"fontSize,omitempty"`
	Width     int    `json:"width,omitempty"`
	Overflow  string `json:"overflow,omitempty"`
	Ellipsis  string `json:"ellipsis,omitempty"`

	BackgroundColor string `json:"backgroundColor,omitempty"`
	Padding         []int  `json:"padding,omitempty"`
	LineHeight      int    `json:"lineHeight,omitempty"`
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

func nameLabel(position string, color string) *markLabel {
	return &markLabel{Show: true, Formatter: "{b}", Position: position, Color: color}
}
