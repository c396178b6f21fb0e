package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/impactboard/impactboard/pkg/domain"
)

const (
	csrfCookie = "ib_csrf"
	// secureKey holds isTLS for the request: one decision for the Secure
	// attribute of every cookie set while answering it.
	secureKey = "secure"
)

// isTLS: behind a proxy that terminates TLS the scheme comes from
// X-Forwarded-Proto, trusted only when the proxy is.
func (s *Server) isTLS(c echo.Context) bool {
	if c.Request().TLS != nil {
		return true
	}
	return s.cfg.TrustProxy && c.Request().Header.Get(echo.HeaderXForwardedProto) == "https"
}

// markSecure records isTLS for setCookie and the CSRF middleware.
func (s *Server) markSecure(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(secureKey, s.isTLS(c))
		return next(c)
	}
}

func isSecure(c echo.Context) bool {
	secure, _ := c.Get(secureKey).(bool)
	return secure
}

// setCookie sets one of the server's cookies, or clears it when maxAge is
// negative. A cookie set over TLS is Secure, so the browser never sends
// it (a session, say) over plain HTTP.
func setCookie(c echo.Context, name, value string, maxAge int) {
	c.SetCookie(&http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: isSecure(c), MaxAge: maxAge})
}

// csrf checks the CSRF token of unsafe requests. Echo's middleware takes
// the cookie's Secure attribute once for all requests, so there is one
// instance per value, chosen by the request's scheme.
func (s *Server) csrf() echo.MiddlewareFunc {
	cfg := middleware.CSRFConfig{
		// Look the token up in the form or a header, never only in the
		// cookie: comparing the cookie with itself protects nothing.
		TokenLookup:    "form:_csrf,header:X-CSRF-Token",
		CookieName:     csrfCookie,
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSameSite: http.SameSiteLaxMode,
		ContextKey:     csrfKey,
		// A bearer token is not sent by browsers on their own, so API
		// calls with one cannot be forged cross-site.
		Skipper: func(c echo.Context) bool { return who(c).ViaToken },
		ErrorHandler: func(err error, c echo.Context) error {
			return domain.Errorf(domain.EFORBIDDEN, "the form expired or did not come from this site: reload the page and try again")
		},
	}
	plain := middleware.CSRFWithConfig(cfg)
	cfg.CookieSecure = true
	secure := middleware.CSRFWithConfig(cfg)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		overPlain, overTLS := plain(next), secure(next)
		return func(c echo.Context) error {
			if isSecure(c) {
				return overTLS(c)
			}
			return overPlain(c)
		}
	}
}
