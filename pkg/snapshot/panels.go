package snapshot

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/impactboard/impactboard/pkg/charts"
	"github.com/impactboard/impactboard/pkg/dashboard"
	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/progress"
	"github.com/impactboard/impactboard/pkg/report"
)

// panelOf resolves a panel the way the live dashboard page does
// (pkg/web/page_dashboard.go), keeping what its template would show.
func panelOf(p *report.Partnership, panel dashboard.Panel, id string) (Panel, error) {
	v := Panel{Type: string(panel.Type), Title: panel.Title, Note: panel.Note, Indicator: panel.Indicator,
		Goal: panel.Goal, Dimension: panel.Dimension}
	var r *report.Indicator
	if panel.Indicator != "" {
		if r = p.Indicator(panel.Indicator); r == nil {
			return v, domain.Errorf(domain.ENOTFOUND, "panel: indicator %q not found", panel.Indicator)
		}
		v.Title = cmpOr(v.Title, r.Name)
	}
	switch panel.Type {
	case dashboard.PanelProgress:
		c, err := progressChart(r, id)
		v.Charts = []Chart{c}
		return v, err
	case dashboard.PanelSubgroup:
		return subgroupPanel(r, panel, v, id)
	case dashboard.PanelEquityGap:
		return gapPanel(r, panel, v, id)
	case dashboard.PanelScorecard:
		i := slices.IndexFunc(p.Goals, func(g report.Goal) bool { return g.Slug == panel.Goal })
		if i < 0 {
			return v, domain.Errorf(domain.ENOTFOUND, "panel: goal %q not found", panel.Goal)
		}
		v.Title = cmpOr(v.Title, p.Goals[i].Title)
	}
	return v, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func progressChart(r *report.Indicator, id string) (Chart, error) {
	opt, err := charts.ProgressOption(charts.ProgressOf(r, id))
	if err != nil {
		return Chart{}, fmt.Errorf("progress chart %s: %w", r.Slug, err)
	}
	return Chart{ID: id, Label: "Progress chart: " + r.Summary, Option: json.RawMessage(opt)}, nil
}

// subgroupPanel draws the groups as lines and latest-year bars, with
// their table; the gap is the equity_gap panel's part, as on the live
// dashboard, so a dashboard with both panels says it once. Suppression
// cannot hide a dimension here (members see small cells), but a dimension
// without figures has no charts.
func subgroupPanel(r *report.Indicator, panel dashboard.Panel, v Panel, id string) (Panel, error) {
	d, ok := r.Dimension(panel.Dimension)
	if !ok {
		return v, nil
	}
	sub := charts.SubgroupOf(r, d, id+"-lines")
	lines, err := charts.SubgroupOption(sub)
	if err != nil {
		return v, fmt.Errorf("subgroup chart %s: %w", r.Slug, err)
	}
	table := lineTable(fmt.Sprintf("%s by %s", r.Name, d.Name), sub.Lines, func(v float64) string { return report.Value(r.Indicator, v) })
	v.Charts = append(v.Charts, Chart{ID: id + "-lines", Label: sub.Title + ", one line per group", Option: lines, Table: table})
	sub.ID = id + "-bars"
	bars, err := charts.LatestBarsOption(sub)
	if err != nil {
		return v, fmt.Errorf("subgroup bars %s: %w", r.Slug, err)
	}
	latest := sub.Latest()
	v.Charts = append(v.Charts, Chart{ID: id + "-bars", Label: latest.Label(sub.Title),
		Option: bars, Table: latestTable(sub.Title, latest, table)})
	return v, nil
}

// gapPanel draws the equity gap from the reference the panel's file names,
// says it in words and tables it; nothing when fewer than two groups have
// figures in common.
func gapPanel(r *report.Indicator, panel dashboard.Panel, v Panel, id string) (Panel, error) {
	d, ok := r.Dimension(panel.Dimension)
	if !ok {
		return v, nil
	}
	d = d.WithReference(r.Indicator, panel.Reference, r.Result)
	v.Reference = d.Gap.Reference
	gap := charts.GapOf(r, d, id+"-gap")
	if len(gap.Lines) == 0 {
		return v, nil
	}
	opt, err := charts.GapOption(gap)
	if err != nil {
		return v, fmt.Errorf("gap chart %s: %w", r.Slug, err)
	}
	v.Charts = []Chart{{ID: id + "-gap", Label: fmt.Sprintf("Equity gap in %s by %s: distance of each group from %s", r.Name, d.Name, d.Gap.Reference),
		Option: opt, Table: lineTable("Gap to "+d.Gap.Reference+" by year", gap.Lines, func(v float64) string { return report.GapAmount(r.Indicator, v) })}}
	v.GapLines = r.GapWords(d)
	return v, nil
}

// lineTable is the data table of a multi-line chart: a row per year, a
// column per line, "–" where a line has no value.
func lineTable(caption string, lines []charts.Line, format func(float64) string) *Table {
	t := &Table{Caption: caption, Cols: []string{}, Rows: []TableRow{}}
	cells := map[int][]string{}
	for li, l := range lines {
		t.Cols = append(t.Cols, l.Name)
		for _, p := range l.Points {
			if cells[p.Year] == nil {
				cells[p.Year] = slices.Repeat([]string{"–"}, len(lines))
			}
			cells[p.Year][li] = format(p.Value)
		}
	}
	years := make([]int, 0, len(cells))
	for y := range cells {
		years = append(years, y)
	}
	slices.Sort(years)
	for _, y := range years {
		t.Rows = append(t.Rows, TableRow{Year: y, Cells: cells[y]})
	}
	return t
}

// latestTable is the row of the bars' year, with a column for each group
// the bars show (a group without a figure that year has no bar, and no
// column here either: the chart's subtitle counts them).
func latestTable(title string, latest charts.LatestBars, all *Table) *Table {
	t := &Table{Caption: fmt.Sprintf("%s, %d", title, latest.Year), Cols: []string{}, Rows: []TableRow{}}
	var keep []int
	for i, c := range all.Cols {
		if slices.Contains(latest.Groups, c) {
			keep = append(keep, i)
			t.Cols = append(t.Cols, c)
		}
	}
	for _, r := range all.Rows {
		if r.Year != latest.Year {
			continue
		}
		row := TableRow{Year: r.Year, Cells: make([]string, 0, len(keep))}
		for _, i := range keep {
			row.Cells = append(row.Cells, r.Cells[i])
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func yearValue(r *report.Indicator, p *progress.Point) string {
	if p == nil {
		return ""
	}
	return fmt.Sprintf("%s (%d)", report.Value(r.Indicator, p.Value), p.Year)
}
