package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
)

type goalPage struct {
	layout
	P    *report.Partnership
	Goal goalCards
}

func (s *Server) goalPage(c echo.Context) error {
	p, err := s.partnership(c)
	if err != nil {
		return err
	}
	for _, g := range p.Goals {
		if g.Slug != c.Param("goal") {
			continue
		}
		gc, err := cardsOf(p, g)
		if err != nil {
			return err
		}
		return s.render(c, http.StatusOK, "goal", &goalPage{
			layout: layout{Title: g.Title, Description: g.Description, Crumbs: []crumb{{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}}},
			P:      p, Goal: gc,
		})
	}
	return domain.Errorf(domain.ENOTFOUND, "goal %q not found in partnership %q", c.Param("goal"), p.Slug)
}

type partnerPage struct {
	layout
	P          *report.Partnership
	Partner    domain.Partner
	Backbone   bool
	Stewards   []*report.Indicator
	Contribute []card
}

func (s *Server) partnerPage(c echo.Context) error {
	p, err := s.partnership(c)
	if err != nil {
		return err
	}
	for _, partner := range p.Bundle.Partners {
		if partner.Slug == c.Param("partner") {
			return s.renderPartner(c, p, partner)
		}
	}
	return domain.Errorf(domain.ENOTFOUND, "partner %q not found in partnership %q", c.Param("partner"), p.Slug)
}

func (s *Server) renderPartner(c echo.Context, p *report.Partnership, partner domain.Partner) error {
	page := &partnerPage{
		layout: layout{Title: partner.Name, Description: partner.Description, Crumbs: []crumb{{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}}},
		P:      p, Partner: partner, Backbone: p.Backbone == partner.Slug,
	}
	for _, r := range p.Indicators {
		if r.Steward != nil && r.Steward.Slug == partner.Slug {
			page.Stewards = append(page.Stewards, r)
		}
		for _, s := range partner.Contributes {
			if s != r.Slug {
				continue
			}
			box, err := sparkChart(p, r, "spark-"+r.Slug)
			if err != nil {
				return err
			}
			page.Contribute = append(page.Contribute, card{PSlug: p.Slug, R: r, Chart: box})
		}
	}
	return s.render(c, http.StatusOK, "partner", page)
}
