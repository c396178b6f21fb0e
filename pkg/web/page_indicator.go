package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/report"
)

type indicatorPage struct {
	layout
	P          *report.Partnership
	R          *report.Indicator
	Progress   chartBox
	Dimensions []dimensionCharts
}

func (s *Server) indicatorPage(c echo.Context) error {
	p, r, err := s.indicator(c)
	if err != nil {
		return err
	}
	page := &indicatorPage{
		layout: layout{Title: r.Name, Description: r.Summary, Crumbs: []crumb{
			{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}, {r.Goal.Title, "/p/" + p.Slug + "/goals/" + r.Goal.Slug},
		}},
		P: p, R: r,
	}
	if page.Progress, err = progressChart(p, r, "progress-"+r.Slug); err != nil {
		return err
	}
	for i, d := range r.Dimensions {
		dc, err := subgroupCharts(p, r, d, "dim-"+strconv.Itoa(i))
		if err != nil {
			return err
		}
		page.Dimensions = append(page.Dimensions, dc)
	}
	return s.render(c, http.StatusOK, "indicator", page)
}
