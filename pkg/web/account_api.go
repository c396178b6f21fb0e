package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

type apiMeResponse struct {
	User        domain.User         `json:"user"`
	Memberships []domain.Membership `json:"memberships"`
	// TokenPartnership is the partnership the bearer token used is scoped
	// to; absent for a browser session.
	TokenPartnership string `json:"token_partnership,omitempty"`
}

// apiNewToken is a created token with its secret, returned only once.
type apiNewToken struct {
	Secret string `json:"token"`
	domain.Token
}

func (s *Server) apiMe(c echo.Context) error {
	p := who(c)
	return c.JSON(http.StatusOK, apiMeResponse{User: *p.User, Memberships: nonNil(reachable(p)), TokenPartnership: p.TokenScope})
}

func (s *Server) apiTokens(c echo.Context) error {
	toks, err := s.ownTokens(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string][]domain.Token{"tokens": nonNil(toks)})
}

func (s *Server) apiCreateToken(c echo.Context) error {
	req, err := decodeStringObject(c, "partnership", "name")
	if err != nil {
		return err
	}
	secret, tok, err := s.createToken(c, req["partnership"], strings.TrimSpace(req["name"]))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusCreated, apiNewToken{Secret: secret, Token: tok})
}

func (s *Server) apiRevokeToken(c echo.Context) error {
	if _, err := s.revokeOwnToken(c); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// decodeStringObject reads a body that is exactly one flat JSON object of
// string values with keys from allowed. encoding/json alone would accept
// duplicate and wrong-case keys, and a second value after the first.
func decodeStringObject(c echo.Context, allowed ...string) (map[string]string, error) {
	bad := func(format string, args ...any) error {
		return domain.Errorf(domain.EINVALID, "the request body must be a JSON object with the string fields %s: "+format,
			append([]any{strings.Join(allowed, ", ")}, args...)...)
	}
	dec := json.NewDecoder(c.Request().Body)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, bad("it does not start with {")
	}
	out, seen := map[string]string{}, map[string]bool{}
	for dec.More() {
		k, err := dec.Token()
		key, _ := k.(string)
		if err != nil || !slices.Contains(allowed, key) || seen[key] {
			return nil, bad("unknown or repeated field %q", key)
		}
		seen[key] = true
		v, err := dec.Token()
		str, ok := v.(string)
		if err != nil || !ok {
			return nil, bad("%q is not a string", key)
		}
		out[key] = str
	}
	if _, err := dec.Token(); err != nil {
		return nil, bad("%v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, bad("more than one JSON value")
	}
	return out, nil
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
