package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

const usersPage = "/p/" + anchorage + "/admin/users"

func memberPath(u domain.User, action string) string {
	return usersPage + "/" + strconv.FormatInt(u.ID, 10) + "/" + action
}

// roleIn returns the user's role in a partnership, "" for none.
func roleIn(t *testing.T, a *app, u domain.User, partnership string) domain.Membership {
	t.Helper()
	ms, err := a.db.Memberships(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Partnership == partnership {
			return m
		}
	}
	return domain.Membership{}
}

func TestAdminUsersPage(t *testing.T) {
	a := newApp(t)
	admin, _ := a.signIn("admin@example.org", anchorage, domain.RoleAdmin, "")
	newUser(t, a.db, "steward@example.org", domain.Membership{Partnership: anchorage, Role: domain.RoleContributor, Partner: "anchorage-school-district"})
	newUser(t, a.db, "elsewhere@example.org", domain.Membership{Partnership: betterTogether, Role: domain.RoleViewer})
	r := admin.get(usersPage)
	if r.Status != 200 {
		t.Fatalf("status %d", r.Status)
	}
	mustContain(t, "admin page", r.Body, "admin@example.org", "steward@example.org", "contributor", "anchorage-school-district",
		`name="_csrf"`, `action="`+usersPage+`"`, "Reset password", "Remove from")
	mustNotContain(t, "admin page", r.Body, "elsewhere@example.org")
	overview := admin.get("/p/" + anchorage)
	mustContain(t, "overview for an admin", overview.Body, `href="`+usersPage+`"`)
	viewer, _ := a.signIn("viewer@example.org", anchorage, domain.RoleViewer, "")
	mustNotContain(t, "overview for a viewer", viewer.get("/p/"+anchorage).Body, usersPage)
}

func TestAdminAddUser(t *testing.T) {
	a := newApp(t)
	admin, _ := a.signIn("admin@example.org", anchorage, domain.RoleAdmin, "")
	existing := newUser(t, a.db, "bt@example.org", domain.Membership{Partnership: betterTogether, Role: domain.RoleEditor})
	tests := []struct {
		name   string
		form   url.Values
		status int
		want   string // in the page (422) or the flash after the redirect
	}{
		{"short password", url.Values{"email": {"new@example.org"}, "role": {"viewer"}, "password": {"short"}}, 422, "at least 12 characters"},
		{"bad email", url.Values{"email": {"not-an-email"}, "role": {"viewer"}, "password": {testPassword}}, 422, "not an email address"},
		{"unknown role", url.Values{"email": {"new@example.org"}, "role": {"owner"}, "password": {testPassword}}, 422, "choose one of"},
		{"contributor without partner", url.Values{"email": {"new@example.org"}, "role": {"contributor"}, "password": {testPassword}}, 422, "choose it"},
		{"contributor of an unknown partner", url.Values{"email": {"new@example.org"}, "role": {"contributor"}, "partner": {"acme"},
			"password": {testPassword}}, 422, "unknown partner acme"},
		{"new contributor", url.Values{"email": {"New@Example.org"}, "name": {"New Person"}, "role": {"contributor"},
			"partner": {"anchorage-school-district"}, "password": {testPassword}}, 303, "Added new@example.org as contributor."},
		{"already a member", url.Values{"email": {"new@example.org"}, "role": {"viewer"}}, 422, "already a member"},
		{"existing account of another partnership", url.Values{"email": {"bt@example.org"}, "role": {"board"},
			"partner": {"anchorage-school-district"}}, 303, "their password is unchanged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := admin.post(usersPage, tt.form)
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d; body %.400s", r.Status, tt.status, r.Body)
			}
			if r.Status == 303 {
				r = admin.get(r.location())
			}
			mustContain(t, tt.name, r.Body, tt.want)
		})
	}
	added := a.client()
	added.login("new@example.org", testPassword)
	mustContain(t, "new user's account", added.get("/account").Body, "New Person", "contributor", "anchorage-school-district")
	if m := roleIn(t, a, existing, anchorage); m.Role != domain.RoleBoard || m.Partner != "" {
		t.Errorf("existing user in anchorage: %+v, want board without partner", m)
	}
	a.client().login("bt@example.org", testPassword)
}

func TestAdminChangeRoleResetRemove(t *testing.T) {
	a := newApp(t)
	admin, _ := a.signIn("admin@example.org", anchorage, domain.RoleAdmin, "")
	target, u := a.signIn("target@example.org", anchorage, domain.RoleViewer, "")
	secret, _ := createToken(t, a.db, u, anchorage)

	if r := admin.post(memberPath(u, "role"), url.Values{"role": {"contributor"}}); r.Status != 422 || !strings.Contains(r.Body, "choose it") {
		t.Errorf("contributor without partner: status %d", r.Status)
	}
	if r := admin.post(memberPath(u, "role"), url.Values{"role": {"editor"}, "partner": {"anchorage-school-district"}}); r.Status != 303 {
		t.Fatalf("change role: status %d; %.300s", r.Status, r.Body)
	}
	if m := roleIn(t, a, u, anchorage); m.Role != domain.RoleEditor || m.Partner != "" {
		t.Errorf("after role change: %+v, want editor", m)
	}

	if r := admin.post(memberPath(u, "password"), url.Values{"password": {"too short"}}); r.Status != 422 || !strings.Contains(r.Body, "at least 12") {
		t.Errorf("short reset: status %d", r.Status)
	}
	if r := admin.post(memberPath(u, "password"), url.Values{"password": {"a brand new passphrase"}}); r.Status != 303 {
		t.Fatalf("reset: status %d; %.300s", r.Status, r.Body)
	}
	if target.signedIn() {
		t.Error("the target's session survived the password reset")
	}
	target.login("target@example.org", "a brand new passphrase")

	if r := admin.post(memberPath(u, "remove"), nil); r.Status != 303 {
		t.Fatalf("remove: status %d", r.Status)
	}
	if m := roleIn(t, a, u, anchorage); m.Role != "" {
		t.Errorf("after removal: %+v, want no role", m)
	}
	if r := bearer(a, secret).get("/api/v1/me"); r.Status != 401 {
		t.Errorf("the removed member's token: status %d, want 401", r.Status)
	}
	if r := admin.post(memberPath(u, "role"), url.Values{"role": {"viewer"}}); r.Status != 404 {
		t.Errorf("role change of a non-member: status %d, want 404", r.Status)
	}
}

// TestAdminGuards: an admin cannot lock the partnership out, nor take over
// an account that also belongs to a partnership they do not administer.
func TestAdminGuards(t *testing.T) {
	a := newApp(t)
	admin, me := a.signIn("admin@example.org", anchorage, domain.RoleAdmin, "")
	both := newUser(t, a.db, "both@example.org",
		domain.Membership{Partnership: anchorage, Role: domain.RoleViewer},
		domain.Membership{Partnership: betterTogether, Role: domain.RoleAdmin})
	tests := []struct {
		name   string
		path   string
		form   url.Values
		status int
		want   string
	}{
		{"demote the only admin", memberPath(me, "role"), url.Values{"role": {"viewer"}}, 422, "only admin"},
		{"remove the only admin", memberPath(me, "remove"), nil, 422, "only admin"},
		{"reset the password of another partnership's admin", memberPath(both, "password"),
			url.Values{"password": {"takeover passphrase"}}, 403, betterTogether},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := admin.post(tt.path, tt.form)
			if r.Status != tt.status || !strings.Contains(r.Body, tt.want) {
				t.Errorf("status %d, want %d with %q; body %.300s", r.Status, tt.status, tt.want, r.Body)
			}
		})
	}
	if m := roleIn(t, a, me, anchorage); m.Role != domain.RoleAdmin {
		t.Errorf("the only admin is now %+v", m)
	}
	a.client().login("both@example.org", testPassword)
	// With a second admin, the first may step down.
	if r := admin.post(memberPath(both, "role"), url.Values{"role": {"admin"}}); r.Status != 303 {
		t.Fatalf("promote: status %d", r.Status)
	}
	if r := admin.post(memberPath(me, "role"), url.Values{"role": {"viewer"}}); r.Status != 303 {
		t.Errorf("step down with another admin: status %d", r.Status)
	}
}

func TestAccountTokensInBrowser(t *testing.T) {
	a := newApp(t)
	c, _ := a.signIn("me@example.org", anchorage, domain.RoleEditor, "")
	mustContain(t, "account", c.get("/account").Body, "me@example.org", "editor", "You have no API tokens", `action="/account/tokens"`)
	if r := c.post("/account/tokens", url.Values{"partnership": {betterTogether}, "name": {"x"}}); r.Status != 422 {
		t.Errorf("token for a partnership without a role: status %d, want 422", r.Status)
	}
	if r := c.post("/account/tokens", url.Values{"partnership": {anchorage}, "name": {""}}); r.Status != 422 || !strings.Contains(r.Body, "is required") {
		t.Errorf("token without a name: status %d", r.Status)
	}
	r := c.post("/account/tokens", url.Values{"partnership": {anchorage}, "name": {"import script"}})
	secret := regexpFind(r.Body, `ib_[A-Za-z0-9_-]+`)
	if r.Status != 201 || secret == "" || r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: status %d, secret %q, cache %q", r.Status, secret, r.Header.Get("Cache-Control"))
	}
	page := c.get("/account").Body
	mustContain(t, "account with a token", page, "import script", "never", "Revoke")
	mustNotContain(t, "account with a token", page, secret)
	if r := bearer(a, secret).get("/api/v1/me"); r.Status != 200 {
		t.Fatalf("new token: status %d", r.Status)
	}
	id := regexpFind(page, `/account/tokens/[0-9]+/revoke`)
	if r := c.post(id, nil); r.Status != 303 {
		t.Fatalf("revoke: status %d", r.Status)
	}
	if r := bearer(a, secret).get("/api/v1/me"); r.Status != 401 {
		t.Errorf("revoked token: status %d, want 401", r.Status)
	}
	mustContain(t, "account after revoking", c.get("/account").Body, "revoked")
}

func TestAccountTokensAPI(t *testing.T) {
	a := newApp(t)
	c, u := a.signIn("me@example.org", anchorage, domain.RoleViewer, "")
	_, other := a.signIn("other@example.org", anchorage, domain.RoleViewer, "")
	_, othersTok := createToken(t, a.db, other, anchorage)

	var me struct {
		User        domain.User         `json:"user"`
		Memberships []domain.Membership `json:"memberships"`
	}
	decodeResp(t, c.get("/api/v1/me"), 200, &me)
	if me.User.ID != u.ID || len(me.Memberships) != 1 || me.Memberships[0].Role != domain.RoleViewer {
		t.Errorf("me = %+v", me)
	}
	if r := c.do("POST", "/api/v1/tokens", nil, `{"partnership":"`+anchorage+`","name":"x"}`); r.Status != 403 {
		t.Errorf("session without the CSRF header: status %d, want 403", r.Status)
	}
	for _, body := range []string{`{"partnership":"` + anchorage + `","name":"x","role":"admin"}`, `{"Partnership":"` + anchorage + `","name":"x"}`,
		`{"partnership":"` + anchorage + `","name":"x","name":"y"}`, `{"partnership":"` + anchorage + `","name":"x"} {}`,
		`{"partnership":"` + anchorage + `","name":7}`, `[]`} {
		if r := c.sendJSON("POST", "/api/v1/tokens", body); r.Status != 400 || !strings.Contains(r.Body, `"invalid"`) {
			t.Errorf("body %s: status %d, want 400", body, r.Status)
		}
	}
	var created struct {
		Token string `json:"token"`
		ID    int64  `json:"id"`
	}
	decodeResp(t, c.sendJSON("POST", "/api/v1/tokens", `{"partnership":"`+anchorage+`","name":"nightly"}`), 201, &created)
	var list struct{ Tokens []domain.Token }
	listed := c.get("/api/v1/tokens")
	decodeResp(t, listed, 200, &list)
	if len(list.Tokens) != 1 || list.Tokens[0].ID != created.ID || strings.Contains(listed.Body, created.Token) {
		t.Errorf("tokens = %+v; the secret must not be listed", list.Tokens)
	}
	if r := c.sendJSON("DELETE", "/api/v1/tokens/"+strconv.FormatInt(othersTok.ID, 10), ""); r.Status != 404 {
		t.Errorf("revoking another user's token: status %d, want 404", r.Status)
	}
	for range 2 { // revoking twice is no error
		if r := c.sendJSON("DELETE", "/api/v1/tokens/"+strconv.FormatInt(created.ID, 10), ""); r.Status != 204 {
			t.Errorf("revoke: status %d, want 204", r.Status)
		}
	}
	if r := bearer(a, created.Token).get("/api/v1/me"); r.Status != 401 {
		t.Errorf("revoked: status %d", r.Status)
	}
}

func decodeResp(t *testing.T, r resp, status int, v any) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d; body %.300s", r.Status, status, r.Body)
	}
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("decode: %v; body %.300s", err, r.Body)
	}
}

func regexpFind(s, pattern string) string { return regexp.MustCompile(pattern).FindString(s) }
