package web

import "github.com/impactboard/impactboard/pkg/domain"

// adminRoutes lists the routes of this area; see routeTable: user
// management for a partnership's admins, and every signed-in user's own
// account and API tokens.
func (s *Server) adminRoutes() []route {
	users, own := domain.ActManageUsers, domain.ActManageOwnTokens
	return []route{
		{"GET", "/p/:partnership/admin/users", users, s.adminUsers},
		{"POST", "/p/:partnership/admin/users", users, s.adminAddUser},
		{"POST", "/p/:partnership/admin/users/:user/role", users, s.adminSetRole},
		{"POST", "/p/:partnership/admin/users/:user/password", users, s.adminResetPassword},
		{"POST", "/p/:partnership/admin/users/:user/remove", users, s.adminRemoveUser},
		{"GET", "/account", own, s.accountPage},
		{"POST", "/account/tokens", own, s.accountCreateToken},
		{"POST", "/account/tokens/:token/revoke", own, s.accountRevokeToken},
		{"GET", "/api/v1/me", own, s.apiMe},
		{"GET", "/api/v1/tokens", own, s.apiTokens},
		{"POST", "/api/v1/tokens", own, s.apiCreateToken},
		{"DELETE", "/api/v1/tokens/:token", own, s.apiRevokeToken},
	}
}
