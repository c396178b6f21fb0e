package web

import (
	"fmt"

	"github.com/impactboard/impactboard/pkg/charts"
	"github.com/impactboard/impactboard/pkg/progress"
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
}

func pts(ps []progress.Point) []charts.Point {
	out := make([]charts.Point, len(ps))
	for i, p := range ps {
		out[i] = charts.Point{Year: p.Year, Value: p.Value}
	}
	return out
}

func cpt(p *progress.Point) *charts.Point {
	if p == nil {
		return nil
	}
	return &charts.Point{Year: p.Year, Value: p.Value}
}

func indicatorCSV(p *report.Partnership, r *report.Indicator) string {
	return fmt.Sprintf("/p/%s/indicators/%s/data.csv", p.Slug, r.Slug)
}

func progressChart(p *report.Partnership, r *report.Indicator, id string) (chartBox, error) {
	in := charts.Progress{
		ID: id, Title: r.Name, Unit: report.UnitSuffix(r.Indicator), Decimals: r.Decimals,
		Actual: pts(r.Series), Baseline: cpt(r.Result.Baseline), Target: cpt(r.Result.Target),
		Glide: pts(r.Glide), Suppressed: suppressedYears(r),
	}
	if r.Target != nil {
		in.TargetLabel = fmt.Sprintf("Target %s by %d", report.Value(r.Indicator, r.Target.Value), r.Target.Year)
	}
	if r.Result.Projection != nil {
		in.Projection = pts(r.Result.Projection.Points)
	}
	for _, it := range r.Interim {
		in.Interim = append(in.Interim, charts.Point{Year: it.Year, Value: it.Value})
	}
	for _, a := range r.Annotations {
		in.Marks = append(in.Marks, charts.Mark{Year: a.Year, Text: a.Text, Break: a.Break})
	}
	in.Comparisons = comparisonLines(r)
	opt, err := charts.ProgressOption(in)
	if err != nil {
		return chartBox{}, fmt.Errorf("progress chart %s: %w", r.Slug, err)
	}
	return chartBox{ID: id, Label: "Progress chart: " + r.Summary, Option: string(opt), CSV: indicatorCSV(p, r)}, nil
}

func suppressedYears(r *report.Indicator) []int {
	var ys []int
	for _, f := range r.Figures {
		if f.AllGroups() && f.Suppressed {
			ys = append(ys, f.Year)
		}
	}
	return ys
}

// comparisonLines draws each wider geography's all-groups series.
func comparisonLines(r *report.Indicator) []charts.Line {
	var lines []charts.Line
	index := map[string]int{}
	for _, c := range r.Comparisons {
		if c.Dimension != "" || c.Group != "" {
			continue
		}
		i, ok := index[c.Geography]
		if !ok {
			i = len(lines)
			index[c.Geography] = i
			lines = append(lines, charts.Line{Name: c.Geography})
		}
		lines[i].Points = append(lines[i].Points, charts.Point{Year: c.Year, Value: c.Value})
	}
	return lines
}

// sparkChart is a card's small multiple. Without an all-groups series it
// draws the groups of the leading dimension (e.g. each district), so every
// indicator with figures shows its trend.
func sparkChart(p *report.Partnership, r *report.Indicator, id string) (chartBox, error) {
	sp := charts.Spark{
		ID: id, Title: r.Name, Unit: report.UnitSuffix(r.Indicator), Decimals: r.Decimals,
		Actual: pts(r.Series), Target: cpt(r.Result.Target), Glide: pts(r.Glide),
	}
	label := "Small chart: " + r.Summary
	if len(r.Series) == 0 && len(r.Dimensions) > 0 {
		d := r.Dimensions[0]
		for _, g := range d.Groups {
			sp.Groups = append(sp.Groups, charts.Line{Name: g.Group, Points: pts(g.Points)})
		}
		label = fmt.Sprintf("Small chart of %s by %s, one line per group", r.Name, d.Name)
	}
	opt, err := charts.SparkOption(sp)
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

func subgroupCharts(p *report.Partnership, r *report.Indicator, d report.Dimension, id string) (dimensionCharts, error) {
	sub := charts.Subgroup{ID: id + "-lines", Title: r.Name + " by " + d.Name, Unit: report.UnitSuffix(r.Indicator), Decimals: r.Decimals}
	for _, g := range d.Groups {
		sub.Lines = append(sub.Lines, charts.Line{Name: g.Group, Points: pts(g.Points)})
	}
	if n := len(d.Years); n > 0 {
		sub.LatestYear = d.Years[n-1]
	}
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
	csv := indicatorCSV(p, r)
	out.Lines = chartBox{ID: id + "-lines", Label: sub.Title + ", one line per group", Option: string(lines), CSV: csv}
	out.Bars = chartBox{ID: id + "-bars", Label: fmt.Sprintf("%s, %d, one bar per group", sub.Title, sub.LatestYear), Option: string(bars), CSV: csv}
	out.Table = groupTable(r, d)
	out.GapLines = gapLines(r, d)
	out.GapTable = gapTable(r, d)
	out.Gap, out.HasGap, err = gapChart(p, r, d, id+"-gap")
	return out, err
}

func gapChart(p *report.Partnership, r *report.Indicator, d report.Dimension, id string) (chartBox, bool, error) {
	g := charts.GapChart{ID: id, Title: "Gap to " + d.Gap.Reference, Unit: report.UnitSuffix(r.Indicator), Decimals: r.Decimals, Reference: d.Gap.Reference}
	for _, gg := range d.Gap.Groups {
		if len(gg.Gaps) > 0 {
			g.Lines = append(g.Lines, charts.Line{Name: gg.Group, Points: pts(gg.Gaps)})
		}
	}
	if len(g.Lines) == 0 {
		return chartBox{}, false, nil
	}
	opt, err := charts.GapOption(g)
	if err != nil {
		return chartBox{}, false, fmt.Errorf("gap chart %s: %w", r.Slug, err)
	}
	label := fmt.Sprintf("Equity gap in %s by %s: distance of each group from %s", r.Name, d.Name, d.Gap.Reference)
	return chartBox{ID: id, Label: label, Option: string(opt), CSV: indicatorCSV(p, r)}, true, nil
}
