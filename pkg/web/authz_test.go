package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/web"
)

// authzCase is one registered route of the authorization matrix: the
// action it must declare, and a concrete request to send. In path, form
// and body, {own} is the requester's partnership, {token} the id of one of
// the requester's API tokens, and {roleTarget}, {pwTarget}, {rmTarget}
// members of Anchorage an admin may act on.
type authzCase struct {
	route string // "METHOD /pattern", as in Server.Routes
	act   domain.Action
	path  string
	form  url.Values // posted form-encoded (with the CSRF token) when set
	body  string     // sent as JSON (with the CSRF header) when set
	fresh bool       // signs in or out: runs on a session of its own
}

const (
	pA   = "/p/" + anchorage
	apiA = "/api/v1/partnerships/" + anchorage
)

// authzCases lists EVERY route. A route added without a line here fails
// TestAuthzMatrix: decide who may use it, then add the line.
func authzCases() []authzCase {
	view, private := domain.ActViewPublished, domain.ActViewPrivate
	enter, approve := domain.ActEnterData, domain.ActApproveData
	users, own := domain.ActManageUsers, domain.ActManageOwnTokens
	ind, indAPI := pA+"/indicators/hs-graduation-4yr", apiA+"/indicators/hs-graduation-4yr"
	return []authzCase{
		{route: "GET /healthz", act: view, path: "/healthz"},
		{route: "GET /static/*", act: view, path: "/static/app.css"},
		{route: "GET /", act: view, path: "/"},
		{route: "GET /about", act: view, path: "/about"},
		{route: "GET /login", act: view, path: "/login"},
		{route: "POST /login", act: view, path: "/login", form: url.Values{"email": {"{email}"}, "password": {testPassword}}, fresh: true},
		{route: "POST /logout", act: view, path: "/logout", form: url.Values{}, fresh: true},
		{route: "GET /p/:partnership", act: view, path: pA},
		{route: "GET /p/:partnership/indicators/:indicator", act: view, path: ind},
		{route: "GET /p/:partnership/indicators/:indicator/data.csv", act: view, path: ind + "/data.csv"},
		{route: "GET /p/:partnership/goals/:goal", act: view, path: pA + "/goals/graduation"},
		{route: "GET /p/:partnership/partners/:partner", act: view, path: pA + "/partners/united-way-of-anchorage"},
		{route: "GET /p/:partnership/dashboards/:dashboard", act: view, path: pA + "/dashboards/graduation"},
		{route: "GET /api/v1/partnerships", act: view, path: "/api/v1/partnerships"},
		{route: "GET /api/v1/partnerships/:partnership", act: view, path: apiA},
		{route: "GET /api/v1/partnerships/:partnership/indicators", act: view, path: apiA + "/indicators"},
		{route: "GET /api/v1/partnerships/:partnership/indicators/:indicator", act: view, path: indAPI},
		{route: "GET /api/v1/openapi.json", act: view, path: "/api/v1/openapi.json"},

		// Data entry and approval (routes_data.go).
		{route: "GET /p/:partnership/indicators/:indicator/data", act: enter, path: ind + "/data"},
		{route: "POST /p/:partnership/indicators/:indicator/data", act: enter, path: ind + "/data", form: url.Values{"comment": {"matrix"}}},
		{route: "GET /p/:partnership/indicators/:indicator/history", act: private, path: ind + "/history"},
		{route: "GET /p/:partnership/review", act: approve, path: pA + "/review"},
		{route: "POST /p/:partnership/review", act: approve, path: pA + "/review", form: url.Values{"action": {"approve"}}},
		{route: "PUT /api/v1/partnerships/:partnership/indicators/:indicator/measurements", act: enter, path: indAPI + "/measurements",
			body: `{"comment":"matrix","measurements":[]}`},
		{route: "POST /api/v1/partnerships/:partnership/indicators/:indicator/measurements/approve", act: approve,
			path: indAPI + "/measurements/approve", body: `{"comment":"matrix","items":[]}`},
		{route: "POST /api/v1/partnerships/:partnership/indicators/:indicator/measurements/return", act: approve,
			path: indAPI + "/measurements/return", body: `{"comment":"matrix","items":[]}`},
		{route: "GET /api/v1/partnerships/:partnership/indicators/:indicator/history", act: private, path: indAPI + "/history"},

		// Import and export (routes_transfer.go). The imports are refused
		// (no file, an unknown upload, JSON), so the matrix changes nothing.
		{route: "GET /p/:partnership/import", act: domain.ActImportData, path: pA + "/import"},
		{route: "POST /p/:partnership/import", act: domain.ActImportData, path: pA + "/import", form: url.Values{}},
		{route: "POST /p/:partnership/import/apply", act: domain.ActImportData, path: pA + "/import/apply", form: url.Values{"upload": {"matrix"}}},
		{route: "POST /api/v1/partnerships/:partnership/imports", act: domain.ActImportData, path: apiA + "/imports?dry_run=true", body: `{}`},
		{route: "GET /p/:partnership/export.csv", act: view, path: pA + "/export.csv"},
		{route: "GET /p/:partnership/export.xlsx", act: view, path: pA + "/export.xlsx"},
		{route: "GET /p/:partnership/export.json", act: view, path: pA + "/export.json"},
		{route: "GET /api/v1/partnerships/:partnership/export", act: view, path: apiA + "/export?format=json"},

		// Snapshots (routes_snapshot.go). {snapshot} is a snapshot of
		// Anchorage; the API download finds its partnership from the id.
		// Reading them is for those who may take them, not every member.
		{route: "GET /p/:partnership/snapshots", act: domain.ActReadSnapshot, path: pA + "/snapshots"},
		{route: "POST /p/:partnership/snapshots", act: domain.ActCreateSnapshot, path: pA + "/snapshots", form: url.Values{"title": {"matrix"}}},
		{route: "GET /p/:partnership/snapshots/:snapshot", act: domain.ActReadSnapshot, path: pA + "/snapshots/{snapshot}"},
		{route: "GET /p/:partnership/snapshots/:snapshot/download", act: domain.ActReadSnapshot, path: pA + "/snapshots/{snapshot}/download?format=csv"},
		{route: "GET /api/v1/partnerships/:partnership/snapshots", act: domain.ActReadSnapshot, path: apiA + "/snapshots"},
		{route: "POST /api/v1/partnerships/:partnership/snapshots", act: domain.ActCreateSnapshot, path: apiA + "/snapshots", body: `{"title":"matrix"}`},
		{route: "GET /api/v1/snapshots/:snapshot", act: domain.ActReadSnapshot, path: "/api/v1/snapshots/{snapshot}?format=json"},

		// Users and roles, own account and tokens (routes_admin.go).
		{route: "GET /p/:partnership/admin/users", act: users, path: pA + "/admin/users"},
		{route: "POST /p/:partnership/admin/users", act: users, path: pA + "/admin/users",
			form: url.Values{"email": {"added-{email}"}, "role": {"viewer"}, "password": {testPassword}}},
		{route: "POST /p/:partnership/admin/users/:user/role", act: users, path: pA + "/admin/users/{roleTarget}/role", form: url.Values{"role": {"board"}}},
		{route: "POST /p/:partnership/admin/users/:user/password", act: users, path: pA + "/admin/users/{pwTarget}/password",
			form: url.Values{"password": {"another long password"}}},
		{route: "POST /p/:partnership/admin/users/:user/remove", act: users, path: pA + "/admin/users/{rmTarget}/remove", form: url.Values{}},
		{route: "GET /account", act: own, path: "/account"},
		{route: "POST /account/tokens", act: own, path: "/account/tokens", form: url.Values{"partnership": {"{own}"}, "name": {"matrix"}}},
		{route: "POST /account/tokens/:token/revoke", act: own, path: "/account/tokens/{token}/revoke", form: url.Values{}},
		{route: "GET /api/v1/me", act: own, path: "/api/v1/me"},
		{route: "GET /api/v1/tokens", act: own, path: "/api/v1/tokens"},
		{route: "POST /api/v1/tokens", act: own, path: "/api/v1/tokens", body: `{"partnership":"{own}","name":"matrix"}`},
		{route: "DELETE /api/v1/tokens/:token", act: own, path: "/api/v1/tokens/{token}"},

		// Settings and the common agenda (routes_agenda.go). Every write is
		// refused by validation or a conflict, so the matrix changes nothing.
		{route: "GET /p/:partnership/edit", act: domain.ActManageSettings, path: pA + "/edit"},
		{route: "POST /p/:partnership", act: domain.ActManageSettings, path: pA, form: url.Values{"suppression_threshold": {"matrix"}}},
		{route: "PUT /api/v1/partnerships/:partnership", act: domain.ActManageSettings, path: apiA, body: `{"name":"matrix"}`},
		{route: "GET /p/:partnership/partners/new", act: domain.ActEditAgenda, path: pA + "/partners/new"},
		{route: "POST /p/:partnership/partners", act: domain.ActEditAgenda, path: pA + "/partners", form: url.Values{"slug": {"Not A Slug"}}},
		{route: "GET /p/:partnership/partners/:partner/edit", act: domain.ActEditAgenda, path: pA + "/partners/bp/edit"},
		{route: "POST /p/:partnership/partners/:partner", act: domain.ActEditAgenda, path: pA + "/partners/bp", form: url.Values{"name": {""}, "title": {""}}},
		{route: "GET /p/:partnership/partners/:partner/delete", act: domain.ActEditAgenda, path: pA + "/partners/bp/delete"},
		{route: "POST /p/:partnership/partners/:partner/delete", act: domain.ActEditAgenda, path: pA + "/partners/united-way-of-anchorage/delete", form: url.Values{}},
		{route: "POST /api/v1/partnerships/:partnership/partners", act: domain.ActEditAgenda, path: apiA + "/partners", body: `{"slug":"Not A Slug"}`},
		{route: "PUT /api/v1/partnerships/:partnership/partners/:partner", act: domain.ActEditAgenda, path: apiA + "/partners/bp", body: `{}`},
		{route: "DELETE /api/v1/partnerships/:partnership/partners/:partner", act: domain.ActEditAgenda, path: apiA + "/partners/united-way-of-anchorage"},
		{route: "GET /p/:partnership/goals/new", act: domain.ActEditAgenda, path: pA + "/goals/new"},
		{route: "POST /p/:partnership/goals", act: domain.ActEditAgenda, path: pA + "/goals", form: url.Values{"slug": {"Not A Slug"}}},
		{route: "GET /p/:partnership/goals/:goal/edit", act: domain.ActEditAgenda, path: pA + "/goals/graduation/edit"},
		{route: "POST /p/:partnership/goals/:goal", act: domain.ActEditAgenda, path: pA + "/goals/graduation", form: url.Values{"name": {""}, "title": {""}}},
		{route: "GET /p/:partnership/goals/:goal/delete", act: domain.ActEditAgenda, path: pA + "/goals/graduation/delete"},
		{route: "POST /p/:partnership/goals/:goal/delete", act: domain.ActEditAgenda, path: pA + "/goals/graduation/delete", form: url.Values{}},
		{route: "POST /api/v1/partnerships/:partnership/goals", act: domain.ActEditAgenda, path: apiA + "/goals", body: `{"slug":"Not A Slug"}`},
		{route: "PUT /api/v1/partnerships/:partnership/goals/:goal", act: domain.ActEditAgenda, path: apiA + "/goals/graduation", body: `{}`},
		{route: "DELETE /api/v1/partnerships/:partnership/goals/:goal", act: domain.ActEditAgenda, path: apiA + "/goals/graduation"},
		{route: "GET /p/:partnership/indicators/new", act: domain.ActEditAgenda, path: pA + "/indicators/new"},
		{route: "POST /p/:partnership/indicators", act: domain.ActEditAgenda, path: pA + "/indicators", form: url.Values{"slug": {"Not A Slug"}}},
		{route: "GET /p/:partnership/indicators/:indicator/edit", act: domain.ActEditAgenda, path: pA + "/indicators/hs-graduation-4yr/edit"},
		{route: "POST /p/:partnership/indicators/:indicator", act: domain.ActEditAgenda, path: pA + "/indicators/hs-graduation-4yr", form: url.Values{"name": {""}, "title": {""}}},
		{route: "GET /p/:partnership/indicators/:indicator/delete", act: domain.ActEditAgenda, path: pA + "/indicators/hs-graduation-4yr/delete"},
		{route: "POST /p/:partnership/indicators/:indicator/delete", act: domain.ActEditAgenda, path: pA + "/indicators/hs-graduation-4yr/delete", form: url.Values{}},
		{route: "POST /api/v1/partnerships/:partnership/indicators", act: domain.ActEditAgenda, path: apiA + "/indicators", body: `{"slug":"Not A Slug"}`},
		{route: "PUT /api/v1/partnerships/:partnership/indicators/:indicator", act: domain.ActEditAgenda, path: apiA + "/indicators/hs-graduation-4yr", body: `{}`},
		{route: "DELETE /api/v1/partnerships/:partnership/indicators/:indicator", act: domain.ActEditAgenda, path: apiA + "/indicators/hs-graduation-4yr"},
	}
}

// matrixUser is one column of the matrix: a role in Anchorage (or none).
type matrixUser struct {
	name  string
	role  domain.Role // in Anchorage; "" for the public and the other partnership's admin
	email string
	own   string // the partnership of their membership
	c     *client
	token string // an API token for own, to run the API routes with
	// target is the id of another token of theirs, for the revoke routes.
	target int64
}

// matrixFixture is the server with one user per role.
type matrixFixture struct {
	a       *app
	users   []*matrixUser
	targets map[string]string
}

func newMatrix(t *testing.T) *matrixFixture {
	a := newApp(t)
	b, err := a.db.Bundle(context.Background(), anchorage)
	if err != nil {
		t.Fatal(err)
	}
	steward := b.Indicators[indexOf(t, b, "hs-graduation-4yr")].Steward
	f := &matrixFixture{a: a, targets: map[string]string{}}
	f.users = append(f.users, &matrixUser{name: "public", c: a.client(), email: "spare@example.org", own: anchorage})
	newUser(t, a.db, "spare@example.org")
	for _, r := range domain.Roles {
		m := domain.Membership{Partnership: anchorage, Role: r}
		if r == domain.RoleContributor {
			m.Partner = steward
		}
		f.users = append(f.users, f.member(string(r), r, m))
	}
	f.users = append(f.users, f.member("other-admin", "", domain.Membership{Partnership: betterTogether, Role: domain.RoleAdmin}))
	for _, name := range []string{"roleTarget", "pwTarget", "rmTarget"} {
		u := newUser(t, a.db, strings.ToLower(name)+"@example.org", domain.Membership{Partnership: anchorage, Role: domain.RoleViewer})
		f.targets["{"+name+"}"] = strconv.FormatInt(u.ID, 10)
	}
	f.targets["{snapshot}"] = takeSnapshot(t, a, anchorage).ID
	return f
}

func (f *matrixFixture) member(name string, role domain.Role, m domain.Membership) *matrixUser {
	email := name + "@example.org"
	u := newUser(f.a.t, f.a.db, email, m)
	c := f.a.client()
	c.login(email, testPassword)
	secret, _ := createToken(f.a.t, f.a.db, u, m.Partnership)
	_, target := createToken(f.a.t, f.a.db, u, m.Partnership)
	return &matrixUser{name: name, role: role, email: email, own: m.Partnership, c: c, token: secret, target: target.ID}
}

func indexOf(t *testing.T, b *domain.Bundle, slug string) int {
	for i, ind := range b.Indicators {
		if ind.Slug == slug {
			return i
		}
	}
	t.Fatalf("indicator %s not in the sample", slug)
	return -1
}

// fill puts the requester's values into a path, form value or body.
func (f *matrixFixture) fill(s string, u *matrixUser) string {
	pairs := []string{"{own}", u.own, "{email}", u.email, "{token}", strconv.FormatInt(max(u.target, 1), 10)}
	for k, v := range f.targets {
		pairs = append(pairs, k, v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// send runs a case for a user on client c.
func (f *matrixFixture) send(tc authzCase, u *matrixUser, c *client) resp {
	method, _, _ := strings.Cut(tc.route, " ")
	path := f.fill(tc.path, u)
	switch {
	case tc.form != nil:
		form := url.Values{}
		for k, vs := range tc.form {
			form.Set(k, f.fill(vs[0], u))
		}
		if c.jar == nil { // a bearer client: no CSRF token needed
			return c.do(method, path, form, "")
		}
		form.Set("_csrf", c.csrf())
		return c.do(method, path, form, "", "X-CSRF-Token", c.csrf())
	case c.jar == nil:
		return c.do(method, path, nil, f.fill(tc.body, u))
	}
	return c.do(method, path, nil, f.fill(tc.body, u), "X-CSRF-Token", c.csrf())
}

// sessionFor returns the client to run a case with: the user's own, or a
// fresh one (signed in as the user) for cases that sign in or out.
func (f *matrixFixture) sessionFor(tc authzCase, u *matrixUser) *client {
	if !tc.fresh {
		return u.c
	}
	c := f.a.client()
	if u.name != "public" && tc.route != "POST /login" {
		c.login(u.email, testPassword)
	}
	return c
}

// allowedFor is the rule every route must follow: in a partnership the
// role's permissions (domain.Can), also for a snapshot's routes, which are
// in the snapshot's partnership; elsewhere viewing is for everyone and
// anything else needs a signed-in user.
func allowedFor(u *matrixUser, tc authzCase) bool {
	if !strings.Contains(tc.route, ":partnership") && !strings.Contains(tc.route, ":snapshot") {
		return tc.act == domain.ActViewPublished || u.name != "public"
	}
	return domain.Can(u.role, tc.act)
}

// denied: 401 or 403, or a page sending the browser to sign in.
func denied(r resp) bool {
	return r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden ||
		r.Status == http.StatusSeeOther && strings.HasPrefix(r.location(), "/login")
}

func TestAuthzEveryRouteHasALine(t *testing.T) {
	a := newApp(t)
	s, err := web.New(a.db, web.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]authzCase{}
	for _, tc := range authzCases() {
		cases[tc.route] = tc
	}
	registered := map[string]bool{}
	for _, r := range s.Routes() {
		registered[r] = true
		tc, ok := cases[r]
		if !ok {
			t.Errorf("route %s has no line in authzCases (authz_test.go): decide who may use it and add one", r)
			continue
		}
		method, path, _ := strings.Cut(r, " ")
		if got, _ := s.Action(method, path); got != tc.act {
			t.Errorf("route %s declares action %q, the matrix expects %q", r, got, tc.act)
		}
		if method != "GET" && tc.act == domain.ActViewPublished && r != "POST /login" && r != "POST /logout" {
			t.Errorf("route %s changes state with the public's action %q", r, tc.act)
		}
	}
	for r := range cases {
		if !registered[r] {
			t.Errorf("authzCases lists %s, which is not registered: remove or fix the line", r)
		}
	}
}

// TestAuthzMatrix sends every route as every role, with a session and
// (for the API) with a bearer token, and checks the outcome against the
// rule. Valid CSRF tokens are sent so that only authorization can refuse.
func TestAuthzMatrix(t *testing.T) {
	f := newMatrix(t)
	for _, tc := range authzCases() {
		t.Run(tc.route, func(t *testing.T) {
			for _, u := range f.users {
				want := allowedFor(u, tc)
				f.check(t, tc, u, f.sessionFor(tc, u), "session", want)
				if strings.HasPrefix(tc.path, "/api/") && u.token != "" {
					f.check(t, tc, u, bearer(f.a, u.token), "token", want)
				}
			}
		})
	}
}

func (f *matrixFixture) check(t *testing.T, tc authzCase, u *matrixUser, c *client, via string, want bool) {
	t.Helper()
	r := f.send(tc, u, c)
	if r.Status >= 500 {
		t.Errorf("%s via %s: status %d; body %.300s", u.name, via, r.Status, r.Body)
	}
	if got := !denied(r); got != want {
		t.Errorf("%s via %s: allowed = %v (status %d, location %q), want %v; body %.200s",
			u.name, via, got, r.Status, r.location(), want, r.Body)
	}
}

// TestAuthzUnpublished: an unpublished partnership does not exist for the
// public (or another partnership's admin) on any read route, and its
// members read it.
func TestAuthzUnpublished(t *testing.T) {
	f := newMatrix(t)
	unpublish(t, f.a.db, anchorage)
	for _, tc := range authzCases() {
		if !strings.HasPrefix(tc.route, "GET ") || tc.act != domain.ActViewPublished || !strings.Contains(tc.route, ":partnership") {
			continue
		}
		t.Run(tc.route, func(t *testing.T) {
			for _, u := range f.users {
				r := f.send(tc, u, u.c)
				if member := u.role != ""; member && r.Status != http.StatusOK {
					t.Errorf("%s: status %d, want 200", u.name, r.Status)
				} else if !member && r.Status != http.StatusNotFound {
					t.Errorf("%s: status %d, want 404", u.name, r.Status)
				}
			}
		})
	}
	for _, path := range []string{"/", "/api/v1/partnerships"} {
		for _, u := range f.users {
			r := f.send(authzCase{route: "GET " + path, path: path}, u, u.c)
			if listed := strings.Contains(r.Body, anchorage); listed != (u.role != "") {
				t.Errorf("GET %s as %s: lists the unpublished partnership = %v", path, u.name, listed)
			}
		}
	}
}
