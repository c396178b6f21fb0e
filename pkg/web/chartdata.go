package web

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/impactboard/impactboard/pkg/charts"
	"github.com/impactboard/impactboard/pkg/report"
)

// chartBox is what a template needs to draw one chart: its option JSON, an
// accessible name, and where its data can be downloaded.
type chartBox struct {
	ID     string
	Label  string
	Option string
	CSV    string
	Small  bool
	// Notes are said under the chart: what it leaves out and why.
	Notes []string
}

func indicatorCSV(p *report.Partnership, r *report.Indicator) string {
	return fmt.Sprintf("/p/%s/indicators/%s/data.csv", p.Slug, r.Slug)
}

func progressChart(p *report.Partnership, r *report.Indicator, id string) (chartBox, error) {
	opt, err := charts.ProgressOption(charts.ProgressOf(r, id))
	if err != nil {
		return chartBox{}, fmt.Errorf("progress chart %s: %w", r.Slug, err)
	}
	return chartBox{ID: id, Label: "Progress chart: " + r.Summary, Option: string(opt), CSV: chartCSVURL(p, r, chartProgress, "")}, nil
}

// sparkChart is a card's small multiple (see charts.SparkOf).
func sparkChart(p *report.Partnership, r *report.Indicator, id string) (chartBox, error) {
	label := "Small chart: " + r.Summary
	if len(r.Series) == 0 && len(r.Dimensions) > 0 {
		label = fmt.Sprintf("Small chart of %s by %s, one line per group", r.Name, r.Dimensions[0].Name)
	}
	opt, err := charts.SparkOption(charts.SparkOf(r, id))
	if err != nil {
		return chartBox{}, fmt.Errorf("small chart %s: %w", r.Slug, err)
	}
	return chartBox{ID: id, Label: label, Option: string(opt), CSV: indicatorCSV(p, r), Small: true}, nil
}

// dimensionCharts are the three views of one subgroup dimension.
type dimensionCharts struct {
	Dim      report.Dimension
	Lines    chartBox
	Bars     chartBox
	Gap      chartBox
	HasGap   bool
	Table    seriesTable
	GapTable seriesTable
	GapLines []string
}

// subgroupCharts are the indicator page's charts of a dimension: the
// groups (groupCharts) and their gap to the reference group.
func subgroupCharts(p *report.Partnership, r *report.Indicator, d report.Dimension, id string) (dimensionCharts, error) {
	out, err := groupCharts(p, r, d, id)
	if err != nil {
		return out, err
	}
	out.GapLines = r.GapWords(d)
	out.GapTable = gapTable(r, d)
	out.Gap, out.HasGap, err = gapChart(p, r, d, id+"-gap")
	return out, err
}

// groupCharts draws each group as a line and its latest year as a bar,
// with their table.
func groupCharts(p *report.Partnership, r *report.Indicator, d report.Dimension, id string) (dimensionCharts, error) {
	sub := charts.SubgroupOf(r, d, id+"-lines")
	out := dimensionCharts{Dim: d}
	lines, err := charts.SubgroupOption(sub)
	if err != nil {
		return out, fmt.Errorf("subgroup chart %s: %w", r.Slug, err)
	}
	sub.ID = id + "-bars"
	bars, err := charts.LatestBarsOption(sub)
	if err != nil {
		return out, fmt.Errorf("subgroup bars %s: %w", r.Slug, err)
	}
	hidden := suppressedNotes(p, d)
	out.Lines = chartBox{ID: id + "-lines", Label: sub.Title + ", one line per group", Option: string(lines),
		CSV: chartCSVURL(p, r, chartSubgroup, d.Name), Notes: hidden}
	out.Bars = chartBox{ID: id + "-bars", Label: sub.Latest().Label(sub.Title), Option: string(bars),
		CSV: chartCSVURL(p, r, chartBars, d.Name), Notes: sub.Latest().Notes()[1:]} // the year heads the chart
	out.Table = dimensionTable(p, r, d)
	return out, nil
}

func gapChart(p *report.Partnership, r *report.Indicator, d report.Dimension, id string) (chartBox, bool, error) {
	g := charts.GapOf(r, d, id)
	if len(g.Lines) == 0 {
		return chartBox{}, false, nil
	}
	opt, err := charts.GapOption(g)
	if err != nil {
		return chartBox{}, false, fmt.Errorf("gap chart %s: %w", r.Slug, err)
	}
	label := fmt.Sprintf("Equity gap in %s by %s: distance of each group from %s", r.Name, d.Name, d.Gap.Reference)
	return chartBox{ID: id, Label: label, Option: string(opt), CSV: chartCSVURL(p, r, chartGap, d.Name), Notes: suppressedNotes(p, d)}, true, nil
}

// suppressedText is what a suppressed cell says instead of its value.
func suppressedText(p *report.Partnership) string {
	return fmt.Sprintf("suppressed (n < %d)", p.SuppressionThreshold)
}

// suppressedNotes name, under a chart, the group-years drawn as gaps
// because their figure is suppressed, so a gap is not read as no data.
func suppressedNotes(p *report.Partnership, d report.Dimension) []string {
	var out []string
	for _, g := range d.Groups {
		if ys := d.Suppressed[g.Group]; len(ys) > 0 {
			out = append(out, fmt.Sprintf("%s, %s: %s", g.Group, yearList(ys), suppressedText(p)))
		}
	}
	return out
}

func yearList(ys []int) string {
	parts := make([]string, len(ys))
	for i, y := range ys {
		parts[i] = strconv.Itoa(y)
	}
	return strings.Join(parts, ", ")
}

// dimensionTable is the data table of a dimension's charts: a row per
// year, a column per group; "–" where a group has no figure, the
// suppression text where it has one nobody may see.
func dimensionTable(p *report.Partnership, r *report.Indicator, d report.Dimension) seriesTable {
	t := seriesTable{Caption: fmt.Sprintf("%s by %s (data table for the charts above)", r.Name, d.Name)}
	cells := map[int][]string{}
	for _, y := range d.Years {
		cells[y] = slices.Repeat([]string{"–"}, len(d.Groups))
	}
	for gi, g := range d.Groups {
		t.Cols = append(t.Cols, g.Group)
		for _, pt := range g.Points {
			cells[pt.Year][gi] = report.Value(r.Indicator, pt.Value)
		}
		for _, y := range d.Suppressed[g.Group] {
			cells[y][gi] = suppressedText(p)
		}
	}
	for _, y := range d.Years {
		t.Rows = append(t.Rows, seriesRow{Year: y, Cells: cells[y]})
	}
	return t
}
