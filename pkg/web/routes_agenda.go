package web

import (
	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

// agendaRoutes lists the routes of this area; see routeTable: the forms
// and the write API for the common agenda (partners, goals, indicators)
// and the partnership's settings. New partnerships are loaded with the
// seed command, not created on the web.
func (s *Server) agendaRoutes() []route {
	settings := domain.ActManageSettings
	routes := []route{
		{"GET", "/p/:partnership/edit", settings, s.agendaForm(settingsKind, false)},
		{"POST", "/p/:partnership", settings, s.agendaSave(settingsKind, false)},
		{"PUT", "/api/v1/partnerships/:partnership", settings, s.apiPutSettings},
	}
	routes = append(routes, s.agendaKindRoutes(partnerKind, s.apiPutPartner)...)
	routes = append(routes, s.agendaKindRoutes(goalKind, s.apiPutGoal)...)
	return append(routes, s.agendaKindRoutes(indicatorKind, s.apiPutIndicator)...)
}

// agendaKindRoutes are the pages and API routes of one kind of entity;
// put makes its API handler for creating (true) or replacing (false).
func (s *Server) agendaKindRoutes(k *agendaKind, put func(create bool) echo.HandlerFunc) []route {
	edit := domain.ActEditAgenda
	page, api := "/p/:partnership/"+k.coll, "/api/v1/partnerships/:partnership/"+k.coll
	one := "/:" + k.param
	return []route{
		{"GET", page + "/new", edit, s.agendaForm(k, true)},
		{"POST", page, edit, s.agendaSave(k, true)},
		{"GET", page + one + "/edit", edit, s.agendaForm(k, false)},
		{"POST", page + one, edit, s.agendaSave(k, false)},
		{"GET", page + one + "/delete", edit, s.agendaDeleteForm(k)},
		{"POST", page + one + "/delete", edit, s.agendaDelete(k)},
		{"POST", api, edit, put(true)},
		{"PUT", api + one, edit, put(false)},
		{"DELETE", api + one, edit, s.apiDelete(k)},
	}
}
