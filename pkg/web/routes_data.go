package web

import "github.com/impactboard/impactboard/pkg/domain"

// dataRoutes lists the routes of this area; see routeTable. Entering data
// has a finer rule than the table: a contributor only for the indicators
// their organization stewards (entrantFor).
func (s *Server) dataRoutes() []route {
	const page = "/p/:partnership/indicators/:indicator"
	const api = "/api/v1/partnerships/:partnership/indicators/:indicator"
	return []route{
		{"GET", page + "/data", domain.ActEnterData, s.dataGrid},
		{"POST", page + "/data", domain.ActEnterData, s.saveData},
		{"GET", page + "/history", domain.ActViewPrivate, s.historyPage},
		{"GET", "/p/:partnership/review", domain.ActApproveData, s.reviewPage},
		{"POST", "/p/:partnership/review", domain.ActApproveData, s.review},
		{"PUT", api + "/measurements", domain.ActEnterData, s.apiSaveMeasurements},
		{"POST", api + "/measurements/approve", domain.ActApproveData, s.apiApprove},
		{"POST", api + "/measurements/return", domain.ActApproveData, s.apiReturn},
		{"GET", api + "/history", domain.ActViewPrivate, s.apiHistory},
	}
}
