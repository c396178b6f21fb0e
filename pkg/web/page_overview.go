package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/dashboard"
	"github.com/impactboard/impactboard/pkg/report"
)

type card struct {
	PSlug string
	R     *report.Indicator
	Chart chartBox
}

type goalCards struct {
	Goal  report.Goal
	Cards []card
}

type overviewPage struct {
	layout
	P          *report.Partnership
	Goals      []goalCards
	Dashboards []*dashboard.Dashboard
	Matrix     matrix
}

func (s *Server) overview(c echo.Context) error {
	p, err := s.partnership(c)
	if err != nil {
		return err
	}
	page := &overviewPage{
		layout:     layout{Title: p.Name, Description: p.Vision, Crumbs: []crumb{{"Partnerships", "/"}}},
		P:          p,
		Dashboards: s.visibleDashboards(c, p.Slug),
		Matrix:     buildMatrix(p),
	}
	for _, g := range p.Goals {
		gc, err := cardsOf(p, g)
		if err != nil {
			return err
		}
		page.Goals = append(page.Goals, gc)
	}
	return s.render(c, http.StatusOK, "overview", page)
}

func cardsOf(p *report.Partnership, g report.Goal) (goalCards, error) {
	gc := goalCards{Goal: g}
	for _, r := range g.Indicators {
		box, err := sparkChart(p, r, "spark-"+r.Slug)
		if err != nil {
			return gc, err
		}
		gc.Cards = append(gc.Cards, card{PSlug: p.Slug, R: r, Chart: box})
	}
	return gc, nil
}

// matrix is the partner × indicator contribution grid ("mutually
// reinforcing activities").
type matrix struct {
	Indicators []*report.Indicator
	Rows       []matrixRow
}

type matrixRow struct {
	Slug, Name, Sector string
	Cells              []bool
}

func buildMatrix(p *report.Partnership) matrix {
	m := matrix{Indicators: p.Indicators}
	for _, partner := range p.Bundle.Partners {
		row := matrixRow{Slug: partner.Slug, Name: partner.Name, Sector: partner.Sector, Cells: make([]bool, len(p.Indicators))}
		for i, r := range p.Indicators {
			for _, s := range partner.Contributes {
				row.Cells[i] = row.Cells[i] || s == r.Slug
			}
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}
