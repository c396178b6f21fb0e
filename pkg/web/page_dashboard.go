package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

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

// panelView carries what one panel type needs; the template switches on Type.
type panelView struct {
	Type     string
	Title    string
	Note     string
	R        *report.Indicator
	Chart    chartBox
	Dim      dimensionCharts
	Goal     goalCards
	Headline bool
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
	case dashboard.PanelSubgroup, dashboard.PanelEquityGap:
		v.Dim, err = panelDimension(p, v.R, panel, id)
	case dashboard.PanelScorecard:
		err = panelGoal(p, panel, &v)
	case dashboard.PanelHeadline:
		v.Headline = true
	}
	return v, err
}

func panelDimension(p *report.Partnership, r *report.Indicator, panel dashboard.Panel, id string) (dimensionCharts, error) {
	for _, d := range r.Dimensions {
		if d.Name != panel.Dimension {
			continue
		}
		if panel.Reference != "" {
			d = d.WithReference(r.Indicator, panel.Reference, r.Result)
		}
		return subgroupCharts(p, r, d, id)
	}
	// Suppression can hide a whole dimension from the public.
	return dimensionCharts{Dim: report.Dimension{Name: panel.Dimension}}, nil
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
