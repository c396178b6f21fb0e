package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

// accountPage shows the signed-in user's roles and API tokens.
type accountPage struct {
	layout
	Me          domain.User
	Memberships []accountMembership
	Tokens      []tokenView
	Form        tokenForm
	Errors      map[string]string
}

type accountMembership struct {
	domain.Membership
	Name string
}

type tokenForm struct{ Partnership, Name string }

// tokenView formats a token's dates for the page.
type tokenView struct{ domain.Token }

// Created is the day the token was made.
func (t tokenView) Created() string { return t.CreatedAt.UTC().Format(time.DateOnly) }

// LastUsed is when the token was last used, or "never".
func (t tokenView) LastUsed() string {
	if t.LastUsedAt == nil {
		return "never"
	}
	return t.LastUsedAt.UTC().Format("2006-01-02 15:04 UTC")
}

// Revoked is when the token was revoked, "" while it works.
func (t tokenView) Revoked() string {
	if t.RevokedAt == nil {
		return ""
	}
	return t.RevokedAt.UTC().Format(time.DateOnly)
}

// tokenCreatedPage shows a new token's secret, the only time it is shown.
type tokenCreatedPage struct {
	layout
	Secret string
	Token  domain.Token
	Host   string
}

func (s *Server) accountPageOf(c echo.Context) (*accountPage, error) {
	ctx := c.Request().Context()
	p := who(c)
	all, err := s.store.ListPartnerships(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, ps := range all {
		names[ps.Slug] = ps.Name
	}
	page := &accountPage{layout: layout{Title: "Your account"}, Me: *p.User, Errors: map[string]string{}}
	for _, m := range reachable(p) {
		page.Memberships = append(page.Memberships, accountMembership{Membership: m, Name: names[m.Partnership]})
	}
	toks, err := s.ownTokens(c)
	for _, t := range toks {
		page.Tokens = append(page.Tokens, tokenView{t})
	}
	return page, err
}

func (s *Server) accountPage(c echo.Context) error {
	page, err := s.accountPageOf(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "account", page)
}

func (s *Server) accountCreateToken(c echo.Context) error {
	page, err := s.accountPageOf(c)
	if err != nil {
		return err
	}
	page.Form = tokenForm{Partnership: c.FormValue("partnership"), Name: strings.TrimSpace(c.FormValue("name"))}
	secret, tok, err := s.createToken(c, page.Form.Partnership, page.Form.Name)
	if domain.ErrorCode(err) == domain.EFORBIDDEN {
		page.Errors["partnership"] = domain.ErrorMessage(err)
		return s.render(c, http.StatusUnprocessableEntity, "account", page)
	} else if err != nil {
		if !fieldMessages(err, page.Errors) {
			return err
		}
		return s.render(c, http.StatusUnprocessableEntity, "account", page)
	}
	// The secret is in this response only: keep it out of every cache.
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return s.render(c, http.StatusCreated, "account_token", &tokenCreatedPage{
		layout: layout{Title: "New API token", Crumbs: []crumb{{"Your account", "/account"}}},
		Secret: secret, Token: tok, Host: s.origin(c),
	})
}

func (s *Server) accountRevokeToken(c echo.Context) error {
	tok, err := s.revokeOwnToken(c)
	if err != nil {
		return err
	}
	flash(c, "The token \""+tok.Name+"\" is revoked: it no longer works.")
	return c.Redirect(http.StatusSeeOther, "/account")
}

// createToken makes a token for one of the requester's partnerships. A
// request made with a token can only make tokens of the same scope.
func (s *Server) createToken(c echo.Context, partnership, name string) (string, domain.Token, error) {
	if who(c).role(partnership) == "" {
		return "", domain.Token{}, domain.Errorf(domain.EFORBIDDEN,
			"you have no role in partnership %q that this sign-in reaches: choose one of your partnerships", partnership)
	}
	return s.accounts.CreateToken(c.Request().Context(), who(c).User.ID, partnership, name, actor(c))
}

// ownTokens lists the requester's tokens; a request made with a token sees
// only those of its partnership.
func (s *Server) ownTokens(c echo.Context) ([]domain.Token, error) {
	p := who(c)
	all, err := s.accounts.Tokens(c.Request().Context(), p.User.ID)
	if err != nil || !p.ViaToken {
		return all, err
	}
	var out []domain.Token
	for _, t := range all {
		if t.Partnership == p.TokenScope {
			out = append(out, t)
		}
	}
	return out, nil
}

// revokeOwnToken revokes the :token of the path, which must be one the
// requester can see (ownTokens); any other id is not found.
func (s *Server) revokeOwnToken(c echo.Context) (domain.Token, error) {
	id, err := strconv.ParseInt(c.Param("token"), 10, 64)
	notFound := domain.Errorf(domain.ENOTFOUND, "API token %q not found", c.Param("token"))
	if err != nil {
		return domain.Token{}, notFound
	}
	toks, err := s.ownTokens(c)
	if err != nil {
		return domain.Token{}, err
	}
	for _, t := range toks {
		if t.ID == id {
			return t, s.accounts.RevokeToken(c.Request().Context(), who(c).User.ID, id, actor(c))
		}
	}
	return domain.Token{}, notFound
}

// reachable lists the memberships the request's credential reaches: all of
// them with a session, the token's own with a token.
func reachable(p *principal) []domain.Membership {
	var out []domain.Membership
	for _, m := range p.Memberships {
		if p.role(m.Partnership) != "" {
			out = append(out, m)
		}
	}
	return out
}

// origin is this site's address as the client reached it, for examples.
func (s *Server) origin(c echo.Context) string {
	if s.isTLS(c) {
		return "https://" + c.Request().Host
	}
	return "http://" + c.Request().Host
}
