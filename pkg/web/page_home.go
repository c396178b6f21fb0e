package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/progress"
)

type homePage struct {
	layout
	Partnerships []domain.Partnership
}

func (s *Server) home(c echo.Context) error {
	ps, err := s.visiblePartnerships(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "home", &homePage{
		layout:       layout{Title: "Partnerships", Description: "Collective-impact partnerships and their shared indicators."},
		Partnerships: ps,
	})
}

type aboutPage struct {
	layout
	Statuses []progress.Result // one example per status, for the status partial
}

func (s *Server) about(c echo.Context) error {
	page := &aboutPage{layout: layout{Title: "About the numbers", Description: "How impactboard measures progress toward a target."}}
	for _, st := range progress.Statuses() {
		page.Statuses = append(page.Statuses, progress.Result{Status: st})
	}
	return s.render(c, http.StatusOK, "about", page)
}
