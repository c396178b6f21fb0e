package web

import (
	"encoding/csv"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/charts"
	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
)

// indicatorCSV downloads one indicator's figures in the export's tidy
// long form, text cells neutralised against spreadsheet formulas the same
// way, so the file imports back unchanged. With ?chart= it downloads the
// data of that one chart instead (see chartCSV).
func (s *Server) indicatorCSV(c echo.Context) error {
	p, r, err := s.indicator(c)
	if err != nil {
		return err
	}
	if kind := c.QueryParam("chart"); kind != "" {
		return chartCSV(c, p, r, kind, c.QueryParam("dimension"))
	}
	setCSVHeaders(c, fmt.Sprintf("%s-%s.csv", p.Slug, r.Slug))
	return export.IndicatorCSV(c.Response(), r)
}

func setCSVHeaders(c echo.Context, filename string) {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s"`, filename))
}

// Chart kinds of ?chart=, one per chart of the indicator page.
const (
	chartProgress = "progress"
	chartSubgroup = "subgroup"
	chartBars     = "bars"
	chartGap      = "gap"
)

// chartCSVHeader: one row per series and year. A suppressed value says
// "suppressed", as in the export.
var chartCSVHeader = []string{"indicator", "chart", "dimension", "series", "year", "value"}

// chartCSVURL is where a chart's own data is downloaded.
func chartCSVURL(p *report.Partnership, r *report.Indicator, kind, dimension string) string {
	q := url.Values{"chart": {kind}}
	if dimension != "" {
		q.Set("dimension", dimension)
	}
	return indicatorCSV(p, r) + "?" + q.Encode()
}

// chartCSV writes exactly what one chart draws, built from the same chart
// inputs as the chart, so suppressed figures stay suppressed and the
// comparison geographies and gaps, which no figure holds, are included.
func chartCSV(c echo.Context, p *report.Partnership, r *report.Indicator, kind, dimension string) error {
	lines, err := chartLines(r, kind, dimension)
	if err != nil {
		return err
	}
	name := kind
	if i := slices.IndexFunc(r.Dimensions, func(d report.Dimension) bool { return d.Name == dimension }); i >= 0 {
		name += "-" + strconv.Itoa(i+1) // an index: a dimension name is no safe file name
	}
	setCSVHeaders(c, fmt.Sprintf("%s-%s-%s.csv", p.Slug, r.Slug, name))
	w := csv.NewWriter(c.Response())
	_ = w.Write(chartCSVHeader)
	for _, l := range lines {
		for _, row := range lineRows(l) {
			_ = w.Write(append([]string{export.SafeCell(r.Slug), kind, export.SafeCell(dimension)}, row...))
		}
	}
	w.Flush()
	return w.Error()
}

// chartLines are the series of the chart kind (of dimension, for all but
// the progress chart); an unknown chart or dimension is not found.
func chartLines(r *report.Indicator, kind, dimension string) ([]charts.Line, error) {
	if kind == chartProgress {
		return progressLines(charts.ProgressOf(r, "")), nil
	}
	d, ok := r.Dimension(dimension)
	if !ok {
		return nil, echo.ErrNotFound
	}
	switch kind {
	case chartSubgroup:
		return charts.SubgroupOf(r, d, "").Lines, nil
	case chartBars:
		return barLines(charts.SubgroupOf(r, d, "")), nil
	case chartGap:
		return charts.GapOf(r, d, "").Lines, nil
	}
	return nil, echo.ErrNotFound
}

// progressLines are the series of the progress chart, named as in its
// legend.
func progressLines(p charts.Progress) []charts.Line {
	ls := []charts.Line{{Name: charts.SeriesActual, Points: p.Actual, Suppressed: p.Suppressed}}
	add := func(name string, ps []charts.Point) {
		if len(ps) > 0 {
			ls = append(ls, charts.Line{Name: name, Points: ps})
		}
	}
	add(charts.SeriesTarget, pointList(p.Target))
	add(charts.SeriesGlide, p.Glide)
	add(charts.SeriesProjection, p.Projection)
	add(charts.SeriesInterim, p.Interim)
	add(charts.SeriesBaseline, pointList(p.Baseline))
	return append(ls, p.Comparisons...)
}

// barLines are the bars: each group shown, at the one year drawn.
func barLines(s charts.Subgroup) []charts.Line {
	b := s.Latest()
	ls := make([]charts.Line, len(b.Groups))
	for i, g := range b.Groups {
		ls[i] = charts.Line{Name: g, Suppressed: []int{b.Year}}
		if v, ok := b.Values[i].(float64); ok {
			ls[i] = charts.Line{Name: g, Points: []charts.Point{{Year: b.Year, Value: v}}}
		}
	}
	return ls
}

func pointList(p *charts.Point) []charts.Point {
	if p == nil {
		return nil
	}
	return []charts.Point{*p}
}

// lineRows are a line's series, year and value cells in year order; a
// suppressed year says so and never carries a value.
func lineRows(l charts.Line) [][]string {
	values := map[int]string{}
	for _, pt := range l.Points {
		values[pt.Year] = strconv.FormatFloat(pt.Value, 'f', -1, 64)
	}
	for _, y := range l.Suppressed {
		values[y] = export.SuppressedValue
	}
	rows := make([][]string, 0, len(values))
	for _, y := range slices.Sorted(maps.Keys(values)) {
		rows = append(rows, []string{export.SafeCell(l.Name), strconv.Itoa(y), values[y]})
	}
	return rows
}
