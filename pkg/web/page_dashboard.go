package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/charts"
	"github.com/impactboard/impactboard/pkg/dashboard"
	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
)

type dashboardPage struct {
	layout
	P      *report.Partnership
	D      *dashboard.Dashboard
	Panels []panelView
}

// panelView carries what one panel type needs; the template switches on
// Type, and each type shows only its own part, so that two panels of one
// indicator never repeat (or contradict) each other.
type panelView struct {
	Type   string
	Title  string
	Note   string
	R      *report.Indicator
	Chart  chartBox    // progress
	Series seriesTable // progress: the plotted series, year by year
	// ContextOnly names the comparison geographies when they are all a
	// progress chart draws (no all-groups figure yet), so nobody reads the
	// state's line as the partnership's.
	ContextOnly string
	Dim         dimensionCharts
	Gap         gapView // equity_gap
	Goal        goalCards
}

// gapView is an equity_gap panel: the gap chart, what it says in words,
// and its data table, measured from the panel's own reference group.
type gapView struct {
	Dimension string
	Reference string
	Chart     chartBox
	HasGap    bool
	Lines     []string
	Table     seriesTable
}

// visibleDashboards lists the partnership's dashboards the requester may see.
func (s *Server) visibleDashboards(c echo.Context, partnership string) []*dashboard.Dashboard {
	var out []*dashboard.Dashboard
	for _, d := range dashboard.ForPartnership(s.cfg.Dashboards, partnership) {
		if s.canSeeDashboard(c, d) {
			out = append(out, d)
		}
	}
	return out
}

func (s *Server) findDashboard(c echo.Context, p *report.Partnership) (*dashboard.Dashboard, error) {
	for _, d := range s.visibleDashboards(c, p.Slug) {
		if d.Slug == c.Param("dashboard") {
			return d, nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "dashboard %q not found in partnership %q", c.Param("dashboard"), p.Slug)
}

// canSeeDashboard: without accounts every visitor is the public, who sees
// public dashboards only.
func (s *Server) canSeeDashboard(c echo.Context, d *dashboard.Dashboard) bool {
	return d.Audience == dashboard.AudiencePublic || s.audience(c).Member
}

func (s *Server) dashboardPage(c echo.Context) error {
	p, err := s.partnership(c)
	if err != nil {
		return err
	}
	d, err := s.findDashboard(c, p)
	if err != nil {
		return err
	}
	page := &dashboardPage{
		layout: layout{Title: d.Title, Description: d.Description, Crumbs: []crumb{{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}}},
		P:      p, D: d,
	}
	for i, panel := range d.Panels {
		v, err := buildPanel(p, panel, fmt.Sprintf("panel-%d", i+1))
		if err != nil {
			return err
		}
		page.Panels = append(page.Panels, v)
	}
	return s.render(c, http.StatusOK, "dashboard", page)
}

func buildPanel(p *report.Partnership, panel dashboard.Panel, id string) (panelView, error) {
	v := panelView{Type: string(panel.Type), Title: panel.Title, Note: panel.Note}
	if panel.Indicator != "" {
		v.R = p.Indicator(panel.Indicator)
		if v.R == nil { // checked at start-up; data could have changed since
			return v, domain.Errorf(domain.ENOTFOUND, "dashboard panel: indicator %q not found", panel.Indicator)
		}
		if v.Title == "" {
			v.Title = v.R.Name
		}
	}
	var err error
	switch panel.Type {
	case dashboard.PanelProgress:
		v.Chart, err = progressChart(p, v.R, id)
		in := charts.ProgressOf(v.R, id)
		v.Series, v.ContextOnly = progressTable(p, v.R, in), contextOnly(in)
	case dashboard.PanelSubgroup:
		v.Dim, err = panelDimension(p, v.R, panel, id)
	case dashboard.PanelEquityGap:
		v.Gap, err = panelGap(p, v.R, panel, id)
	case dashboard.PanelScorecard:
		err = panelGoal(p, panel, &v)
	}
	return v, err
}

// panelDimension draws a subgroup panel: the groups' lines, bars and
// table, without the gap, which is the equity_gap panel's part (measured
// from the reference its file names). A dimension that suppression hides
// all of from this audience has no charts (the file was checked against
// all data).
func panelDimension(p *report.Partnership, r *report.Indicator, panel dashboard.Panel, id string) (dimensionCharts, error) {
	d, ok := r.Dimension(panel.Dimension)
	if !ok {
		return dimensionCharts{Dim: d}, nil
	}
	return groupCharts(p, r, d, id)
}

// panelGap measures the gap from the reference the file names, not the
// report's default, so the panel says what its file says.
func panelGap(p *report.Partnership, r *report.Indicator, panel dashboard.Panel, id string) (gapView, error) {
	v := gapView{Dimension: panel.Dimension, Reference: panel.Reference}
	d, ok := r.Dimension(panel.Dimension)
	if !ok {
		return v, nil
	}
	d = d.WithReference(r.Indicator, panel.Reference, r.Result)
	var err error
	v.Chart, v.HasGap, err = gapChart(p, r, d, id+"-gap")
	if v.HasGap {
		v.Lines, v.Table = r.GapWords(d), gapTable(r, d)
	}
	return v, err
}

// progressTable is the accessible twin of the progress chart: the same
// series it draws (charts.ProgressOf), a column each, a row per year.
func progressTable(p *report.Partnership, r *report.Indicator, in charts.Progress) seriesTable {
	cols := []charts.Line{{Name: "Actual", Points: in.Actual, Suppressed: in.Suppressed}}
	if in.Target != nil {
		cols = append(cols, charts.Line{Name: "Target", Points: append(slices.Clone(in.Interim), *in.Target)})
	}
	cols = append(cols, charts.Line{Name: "Glide path", Points: in.Glide}, charts.Line{Name: "Projection", Points: in.Projection})
	cols = append(cols, in.Comparisons...)
	cols = slices.DeleteFunc(cols, func(l charts.Line) bool { return len(l.Points) == 0 && len(l.Suppressed) == 0 })
	suppressed := fmt.Sprintf("suppressed (n < %d)", p.SuppressionThreshold)
	return lineTable(r, r.Name+" (data table for the chart above)", suppressed, cols)
}

// contextOnly returns the names of the comparison lines when the chart has
// no actual values of its own, "" otherwise.
func contextOnly(in charts.Progress) string {
	if len(in.Actual) > 0 || len(in.Comparisons) == 0 {
		return ""
	}
	names := make([]string, len(in.Comparisons))
	for i, l := range in.Comparisons {
		names[i] = l.Name
	}
	return strings.Join(names, ", ")
}

// lineTable lays chart lines out as a table: a column per line, a row per
// year any line has, "–" where a line has no value that year, and the
// suppressed text where small numbers hide it.
func lineTable(r *report.Indicator, caption, suppressed string, lines []charts.Line) seriesTable {
	t := seriesTable{Caption: caption}
	cells := map[int][]string{}
	cell := func(year, col int, text string) {
		if cells[year] == nil {
			cells[year] = make([]string, len(lines))
		}
		cells[year][col] = text
	}
	for ci, l := range lines {
		t.Cols = append(t.Cols, l.Name)
		for _, pt := range l.Points {
			cell(pt.Year, ci, report.Value(r.Indicator, pt.Value))
		}
		for _, y := range l.Suppressed {
			cell(y, ci, suppressed)
		}
	}
	years := make([]int, 0, len(cells))
	for y := range cells {
		years = append(years, y)
	}
	slices.Sort(years)
	for _, y := range years {
		row := cells[y]
		for i := range row {
			if row[i] == "" {
				row[i] = "–"
			}
		}
		t.Rows = append(t.Rows, seriesRow{Year: y, Cells: row})
	}
	return t
}

func panelGoal(p *report.Partnership, panel dashboard.Panel, v *panelView) error {
	for _, g := range p.Goals {
		if g.Slug == panel.Goal {
			gc, err := cardsOf(p, g)
			v.Goal = gc
			if v.Title == "" {
				v.Title = g.Title
			}
			return err
		}
	}
	return domain.Errorf(domain.ENOTFOUND, "dashboard panel: goal %q not found", panel.Goal)
}
