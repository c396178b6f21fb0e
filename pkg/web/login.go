package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

// Sign-in limits: failures counted in the store, so every replica sees them.
const (
	loginWindow        = 15 * time.Minute
	maxFailsPerAccount = 5
	maxFailsPerAddress = 20
)

type loginPage struct {
	layout
	Email string
	Next  string
	Error string
}

func (s *Server) loginForm(c echo.Context) error {
	return s.render(c, http.StatusOK, "login", &loginPage{layout: layout{Title: "Sign in"}, Next: safeNext(c.QueryParam("next"))})
}

func (s *Server) login(c echo.Context) error {
	ctx := c.Request().Context()
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	page := &loginPage{layout: layout{Title: "Sign in"}, Email: email, Next: safeNext(c.FormValue("next"))}
	keys := []string{store.AccountFailureKey(email), "address:" + c.RealIP()}
	if limited, err := s.loginLimited(c, keys); err != nil {
		return err
	} else if limited {
		page.Error = "Too many failed sign-ins. Wait 15 minutes and try again, or ask an admin to reset your password."
		return s.render(c, http.StatusTooManyRequests, "login", page)
	}
	u, err := s.authenticate(ctx, email, c.FormValue("password"))
	if domain.ErrorCode(err) == domain.EUNAUTHORIZED {
		for _, k := range keys {
			if err := s.accounts.RecordLoginFailure(ctx, k); err != nil {
				return err
			}
		}
		page.Error = "Wrong email or password."
		return s.render(c, http.StatusUnauthorized, "login", page)
	} else if err != nil {
		return err
	}
	// A new session id at every sign-in: a planted cookie is never promoted.
	if old, err := c.Cookie(sessionCookie); err == nil && old.Value != "" {
		if err := s.accounts.DeleteSession(ctx, old.Value); err != nil {
			return err
		}
	}
	secret, err := s.accounts.CreateSession(ctx, u.ID, sessionTTL)
	if err != nil {
		return err
	}
	s.setSessionCookie(c, secret)
	// A CSRF token known before sign-in (planted, or read on a shared
	// computer) must not stay valid for the signed-in session.
	setCookie(c, csrfCookie, "", -1)
	return c.Redirect(http.StatusSeeOther, page.Next)
}

// authenticate checks a password, at most maxPasswordChecks at once.
func (s *Server) authenticate(ctx context.Context, email, password string) (domain.User, error) {
	if err := s.logins.acquire(ctx); err != nil {
		return domain.User{}, fmt.Errorf("wait to check a password: %w", err)
	}
	defer s.logins.release()
	return s.accounts.Authenticate(ctx, email, password)
}

func (s *Server) loginLimited(c echo.Context, keys []string) (bool, error) {
	since := s.cfg.Now().Add(-loginWindow)
	for i, k := range keys {
		n, err := s.accounts.LoginFailures(c.Request().Context(), k, since)
		if err != nil {
			return false, err
		}
		if (i == 0 && n >= maxFailsPerAccount) || (i == 1 && n >= maxFailsPerAddress) {
			return true, nil
		}
	}
	return false, nil
}

func (s *Server) logout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		if err := s.accounts.DeleteSession(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	s.clearSessionCookie(c)
	flash(c, "You are signed out.")
	return c.Redirect(http.StatusSeeOther, "/")
}

// safeNext keeps redirects after sign-in on this site. Browsers drop tabs
// and newlines from URLs, so "/\t/evil.example" would become
// "//evil.example": control characters are refused too.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "/"
	}
	return next
}
