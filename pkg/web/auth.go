package web

import (
	"context"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
)

// Accounts is the part of the store that knows users, sessions and tokens.
type Accounts interface {
	Authenticate(ctx context.Context, email, password string) (domain.User, error)
	CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, error)
	SessionUser(ctx context.Context, secret string) (domain.User, error)
	DeleteSession(ctx context.Context, secret string) error
	TokenUser(ctx context.Context, secret string) (domain.User, domain.Token, error)
	Memberships(ctx context.Context, userID int64) ([]domain.Membership, error)
	RecordLoginFailure(ctx context.Context, key string) error
	LoginFailures(ctx context.Context, key string, since time.Time) (int, error)
	AccountAdmin
}

const (
	sessionCookie = "ib_session"
	sessionTTL    = 7 * 24 * time.Hour
	principalKey  = "principal"
	csrfKey       = "csrf"
)

// principal is who made a request: nobody (the public), a user with a
// browser session, or a user with an API token scoped to one partnership.
type principal struct {
	User        *domain.User
	Memberships []domain.Membership
	// TokenScope is the partnership a bearer token is limited to; "" for sessions.
	TokenScope string
	ViaToken   bool
}

// role returns the principal's role in a partnership ("" = public).
func (p *principal) role(partnership string) domain.Role {
	if p == nil || p.User == nil || (p.ViaToken && p.TokenScope != partnership) {
		return ""
	}
	for _, m := range p.Memberships {
		if m.Partnership == partnership {
			return m.Role
		}
	}
	return ""
}

// membership returns the principal's membership in a partnership, if the
// credential used reaches it.
func (p *principal) membership(partnership string) (domain.Membership, bool) {
	if p.role(partnership) == "" {
		return domain.Membership{}, false
	}
	for _, m := range p.Memberships {
		if m.Partnership == partnership {
			return m, true
		}
	}
	return domain.Membership{}, false
}

// identify reads the bearer token or session cookie of every request. A
// bad credential is an error for the API (so scripts notice) but for pages
// it just means "not signed in".
func (s *Server) identify(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		p, err := s.principalOf(c)
		if err != nil {
			return err
		}
		c.Set(principalKey, p)
		return next(c)
	}
}

func (s *Server) principalOf(c echo.Context) (*principal, error) {
	ctx := c.Request().Context()
	if auth := c.Request().Header.Get(echo.HeaderAuthorization); auth != "" {
		secret, ok := bearerSecret(auth)
		if !ok {
			return nil, domain.Errorf(domain.EUNAUTHORIZED, "the Authorization header must be \"Bearer <token>\"")
		}
		u, tok, err := s.accounts.TokenUser(ctx, secret)
		if err != nil {
			return nil, err
		}
		return s.withMemberships(ctx, &principal{User: &u, TokenScope: tok.Partnership, ViaToken: true})
	}
	cookie, err := c.Cookie(sessionCookie)
	if err != nil || cookie.Value == "" {
		return &principal{}, nil
	}
	u, err := s.accounts.SessionUser(ctx, cookie.Value)
	if domain.ErrorCode(err) == domain.EUNAUTHORIZED {
		s.clearSessionCookie(c)
		return &principal{}, nil
	} else if err != nil {
		return nil, err
	}
	return s.withMemberships(ctx, &principal{User: &u})
}

// bearerSecret reads "Bearer <token>"; the scheme name is case-insensitive
// (RFC 9110), so "bearer x" from a script works too.
func bearerSecret(header string) (string, bool) {
	scheme, secret, ok := strings.Cut(strings.TrimSpace(header), " ")
	secret = strings.TrimSpace(secret)
	return secret, ok && strings.EqualFold(scheme, "Bearer") && secret != ""
}

func (s *Server) withMemberships(ctx context.Context, p *principal) (*principal, error) {
	ms, err := s.accounts.Memberships(ctx, p.User.ID)
	p.Memberships = ms
	return p, err
}

// who returns the request's principal (never nil).
func who(c echo.Context) *principal {
	if p, ok := c.Get(principalKey).(*principal); ok {
		return p
	}
	return &principal{}
}

// audienceFor is what the requester may see of a partnership.
func audienceFor(c echo.Context, partnership string) report.Audience {
	private := domain.Can(who(c).role(partnership), domain.ActViewPrivate)
	return report.Audience{Member: private, SmallCells: private}
}

func (s *Server) setSessionCookie(c echo.Context, secret string) {
	setCookie(c, sessionCookie, secret, int(sessionTTL.Seconds()))
}

func (s *Server) clearSessionCookie(c echo.Context) {
	setCookie(c, sessionCookie, "", -1)
}
