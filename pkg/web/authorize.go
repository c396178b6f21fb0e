package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

// authorize lets a request through when the requester's role in the
// :partnership of the path may perform act. Routes outside a partnership
// (the account pages) need a signed-in user for anything but viewing.
func (s *Server) authorize(act domain.Action, h echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := who(c)
		if act == domain.ActViewPublished {
			return h(c)
		}
		if p.User == nil {
			return s.needLogin(c)
		}
		if err := s.snapshotScope(c); err != nil {
			return err
		}
		if slug := c.Param("partnership"); slug != "" && !domain.Can(p.role(slug), act) {
			return domain.Errorf(domain.EFORBIDDEN, "your role does not allow this in partnership %q", slug)
		}
		return h(c)
	}
}

// needLogin sends a browser to the sign-in page and tells an API client 401.
func (s *Server) needLogin(c echo.Context) error {
	if isAPI(c) || c.Request().Method != http.MethodGet {
		return domain.Errorf(domain.EUNAUTHORIZED, "sign in or send a bearer token")
	}
	return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
}

func isAPI(c echo.Context) bool {
	return strings.HasPrefix(c.Request().URL.Path, "/api/")
}
