package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
	"github.com/impactboard/impactboard/pkg/web"
)

const (
	anchorage      = "anchorage-90-by-2020"
	betterTogether = "better-together-central-oregon"
	testPassword   = "correct horse battery staple"
)

// client is a browser: it keeps cookies, does not follow redirects, and
// sends the CSRF token of its cookie with every request.
type client struct {
	t    testing.TB
	base string
	jar  *cookiejar.Jar
	hc   *http.Client
}

func (a *app) client() *client { return newClient(a.t, a.srv.URL) }

func newClient(t testing.TB, base string) *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &client{t: t, base: base, jar: jar, hc: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// resp is a finished response with its body read.
type resp struct {
	Status int
	Body   string
	Header http.Header
	// Cookies are the cookies the response set, with their attributes.
	Cookies []*http.Cookie
}

func (r resp) location() string { return r.Header.Get("Location") }

// cookie returns the value of a cookie the client holds, "" if none.
func (c *client) cookie(name string) string {
	u, _ := url.Parse(c.base)
	for _, ck := range c.jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// setCookie plants a cookie, as an attacker or an old browser tab would.
func (c *client) setCookie(name, value string) {
	u, _ := url.Parse(c.base)
	c.jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

// csrf returns the client's CSRF token, fetching a page first when the
// client has none yet (or it was rotated at sign-in).
func (c *client) csrf() string {
	if tok := c.cookie("ib_csrf"); tok != "" {
		return tok
	}
	c.do("GET", "/about", nil, "")
	tok := c.cookie("ib_csrf")
	if tok == "" {
		c.t.Fatal("no ib_csrf cookie after GET /about")
	}
	return tok
}

// do sends a request; a non-nil form is posted form-encoded with the CSRF
// token, a non-empty jsonBody as JSON with the token in X-CSRF-Token.
func (c *client) do(method, path string, form url.Values, jsonBody string, headers ...string) resp {
	c.t.Helper()
	var body io.Reader
	ctype := ""
	if form != nil {
		body, ctype = strings.NewReader(form.Encode()), "application/x-www-form-urlencoded"
	} else if jsonBody != "" {
		body, ctype = strings.NewReader(jsonBody), "application/json"
	}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read: %v", method, path, err)
	}
	return resp{Status: res.StatusCode, Body: string(b), Header: res.Header, Cookies: res.Cookies()}
}

// post sends a form with a valid CSRF token.
func (c *client) post(path string, form url.Values) resp {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("_csrf", c.csrf())
	return c.do("POST", path, form, "")
}

// sendJSON sends a JSON body with a valid CSRF token in the header.
func (c *client) sendJSON(method, path, body string) resp {
	c.t.Helper()
	return c.do(method, path, nil, body, "X-CSRF-Token", c.csrf())
}

func (c *client) get(path string) resp {
	c.t.Helper()
	return c.do("GET", path, nil, "")
}

// login signs in and fails the test unless it worked.
func (c *client) login(email, password string) {
	c.t.Helper()
	r := c.post("/login", url.Values{"email": {email}, "password": {password}, "next": {"/account"}})
	if r.Status != http.StatusSeeOther || c.cookie("ib_session") == "" {
		c.t.Fatalf("login %s: status %d, want 303 and a session; body %.300s", email, r.Status, r.Body)
	}
}

// signedIn reports whether the client's session opens a private page.
func (c *client) signedIn() bool {
	c.t.Helper()
	r := c.get("/account")
	switch {
	case r.Status == http.StatusOK:
		return true
	case r.Status == http.StatusSeeOther && strings.HasPrefix(r.location(), "/login"):
		return false
	}
	c.t.Fatalf("GET /account: status %d, want 200 or a redirect to /login", r.Status)
	return false
}

// newUser creates an account with the test password and the given roles.
func newUser(t testing.TB, db *store.DB, email string, ms ...domain.Membership) domain.User {
	t.Helper()
	ctx := context.Background()
	u, err := db.CreateUser(ctx, email, strings.Split(email, "@")[0], testPassword, "test")
	if err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	for _, m := range ms {
		m.UserID = u.ID
		if err := db.SetMembership(ctx, m, "test"); err != nil {
			t.Fatalf("membership %s in %s: %v", email, m.Partnership, err)
		}
	}
	return u
}

// signIn creates a user with one role and returns their signed-in client.
func (a *app) signIn(email, partnership string, role domain.Role, partner string) (*client, domain.User) {
	a.t.Helper()
	u := newUser(a.t, a.db, email, domain.Membership{Partnership: partnership, Role: role, Partner: partner})
	c := a.client()
	c.login(email, testPassword)
	return c, u
}

// unpublish hides a partnership from the public.
func unpublish(t testing.TB, db *store.DB, slug string) {
	t.Helper()
	b, err := db.Bundle(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	cp := *b
	cp.Partnership.Published = false
	if _, err := db.SaveBundle(context.Background(), &cp, "test"); err != nil {
		t.Fatalf("unpublish %s: %v", slug, err)
	}
}

// clock is a settable time for the store and the server.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newClockApp is newApp with one clock for the store and the server, so
// tests can let sessions expire and rate-limit windows pass.
func newClockApp(t testing.TB, clk *clock, cfg web.Config) *app {
	t.Helper()
	db := storetest.Open(t, storetest.SQLiteDSN(t), store.Options{Now: clk.now})
	saveSample(t, db)
	cfg.Now = clk.now
	s, err := web.New(db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &app{t: t, db: db, srv: srv}
}

func TestAuthCSRF(t *testing.T) {
	a := newApp(t)
	newUser(t, a.db, "csrf@example.org", domain.Membership{Partnership: anchorage, Role: domain.RoleViewer})
	creds := func() url.Values {
		return url.Values{"email": {"csrf@example.org"}, "password": {testPassword}, "next": {"/account"}}
	}
	tests := []struct {
		name    string
		send    func(c *client) resp
		want    int
		signsIn bool
	}{
		{"no token", func(c *client) resp { c.csrf(); return c.do("POST", "/login", creds(), "") }, 403, false},
		{"no token and no cookie", func(c *client) resp { return c.do("POST", "/login", creds(), "") }, 403, false},
		{"wrong token", func(c *client) resp {
			c.csrf()
			f := creds()
			f.Set("_csrf", "forged-token-of-the-right-length-000")
			return c.do("POST", "/login", f, "")
		}, 403, false},
		{"cross-site browser post", func(c *client) resp {
			f := creds()
			f.Set("_csrf", c.csrf())
			return c.do("POST", "/login", f, "", "Sec-Fetch-Site", "cross-site")
		}, 403, false},
		{"token in the form", func(c *client) resp { return c.post("/login", creds()) }, 303, true},
		{"token in the header", func(c *client) resp { return c.do("POST", "/login", creds(), "", "X-CSRF-Token", c.csrf()) }, 303, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := a.client()
			r := tt.send(c)
			if r.Status != tt.want {
				t.Fatalf("status %d, want %d; body %.200s", r.Status, tt.want, r.Body)
			}
			if got := c.signedIn(); got != tt.signsIn {
				t.Errorf("signed in = %v, want %v", got, tt.signsIn)
			}
		})
	}
}

// TestAuthCSRFOnAdminForm: a forged admin form creates nobody.
func TestAuthCSRFOnAdminForm(t *testing.T) {
	a := newApp(t)
	admin, _ := a.signIn("admin@example.org", anchorage, domain.RoleAdmin, "")
	form := url.Values{"email": {"forged@example.org"}, "role": {"admin"}, "password": {testPassword}}
	if r := admin.do("POST", "/p/"+anchorage+"/admin/users", form, ""); r.Status != 403 {
		t.Fatalf("without token: status %d, want 403", r.Status)
	}
	if _, err := a.db.UserByEmail(context.Background(), "forged@example.org"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("the forged post created a user (err %v)", err)
	}
	if r := admin.post("/p/"+anchorage+"/admin/users", form); r.Status != 303 {
		t.Fatalf("with token: status %d, want 303; body %.300s", r.Status, r.Body)
	}
}

func TestAuthSessionFixation(t *testing.T) {
	a := newApp(t)
	newUser(t, a.db, "fix@example.org", domain.Membership{Partnership: anchorage, Role: domain.RoleViewer})
	c := a.client()
	c.setCookie("ib_session", "planted-by-an-attacker")
	csrfBefore := c.csrf()
	c.login("fix@example.org", testPassword)
	first := c.cookie("ib_session")
	if first == "planted-by-an-attacker" {
		t.Fatal("the planted session id was kept at sign-in")
	}
	if got := c.cookie("ib_csrf"); got == csrfBefore {
		t.Error("the CSRF token known before sign-in is still the cookie after it")
	}
	c.login("fix@example.org", testPassword)
	second := c.cookie("ib_session")
	if second == first {
		t.Fatal("signing in again kept the session id")
	}
	old := a.client()
	old.setCookie("ib_session", first)
	if old.signedIn() {
		t.Error("the session replaced at sign-in still works")
	}
}

func TestAuthLogoutInvalidates(t *testing.T) {
	a := newApp(t)
	c, _ := a.signIn("out@example.org", anchorage, domain.RoleViewer, "")
	secret := c.cookie("ib_session")
	if r := c.post("/logout", nil); r.Status != 303 {
		t.Fatalf("logout: status %d", r.Status)
	}
	if c.cookie("ib_session") != "" {
		t.Error("logout left the session cookie in the browser")
	}
	replay := a.client()
	replay.setCookie("ib_session", secret)
	if replay.signedIn() {
		t.Error("the old session cookie still opens /account after logout")
	}
	if r := replay.get("/api/v1/me"); r.Status != 401 {
		t.Errorf("API with the old cookie: status %d, want 401", r.Status)
	}
}

func TestAuthExpiredSession(t *testing.T) {
	clk := &clock{t: fixedNow()}
	a := newClockApp(t, clk, web.Config{})
	c, _ := a.signIn("exp@example.org", anchorage, domain.RoleViewer, "")
	clk.advance(7*24*time.Hour - time.Minute)
	if !c.signedIn() {
		t.Fatal("session refused before its 7 days were over")
	}
	clk.advance(2 * time.Minute)
	if c.signedIn() {
		t.Error("expired session accepted")
	}
}

func TestAuthRateLimit(t *testing.T) {
	clk := &clock{t: fixedNow()}
	a := newClockApp(t, clk, web.Config{})
	newUser(t, a.db, "limited@example.org")
	c := a.client()
	try := func(email, pw string) resp {
		return c.post("/login", url.Values{"email": {email}, "password": {pw}})
	}
	for i := range 5 {
		if r := try("limited@example.org", "wrong password "+string(rune('a'+i))); r.Status != 401 {
			t.Fatalf("failure %d: status %d, want 401", i+1, r.Status)
		}
	}
	for _, pw := range []string{"a sixth wrong password", testPassword} {
		r := try("LIMITED@example.org", pw)
		if r.Status != 429 || !strings.Contains(r.Body, "Too many failed sign-ins") {
			t.Errorf("after 5 failures (%q): status %d, want 429 with the message", pw, r.Status)
		}
	}
	clk.advance(16 * time.Minute)
	c.login("limited@example.org", testPassword)
}

// TestAuthResetEndsLockout: the lockout message says to ask an admin for a
// reset, so the reset must let the new password in at once.
func TestAuthResetEndsLockout(t *testing.T) {
	a := newClockApp(t, &clock{t: time.Now()}, web.Config{})
	admin, _ := a.signIn("admin@example.org", anchorage, domain.RoleAdmin, "")
	_, u := a.signIn("locked@example.org", anchorage, domain.RoleViewer, "")
	c := a.client()
	for i := range 5 {
		if r := c.post("/login", url.Values{"email": {"locked@example.org"}, "password": {"wrong password " + string(rune('a'+i))}}); r.Status != 401 {
			t.Fatalf("failure %d: status %d, want 401", i+1, r.Status)
		}
	}
	if r := c.post("/login", url.Values{"email": {"locked@example.org"}, "password": {testPassword}}); r.Status != 429 {
		t.Fatalf("after 5 failures: status %d, want 429", r.Status)
	}
	if r := admin.post(memberPath(u, "password"), url.Values{"password": {"a brand new passphrase"}}); r.Status != 303 {
		t.Fatalf("reset: status %d; %.300s", r.Status, r.Body)
	}
	c.login("locked@example.org", "a brand new passphrase")
}

func TestAuthRateLimitPerAddress(t *testing.T) {
	// The store stamps failures with its clock and the server counts them
	// with its own: newApp's fixed server clock would count none.
	a := newClockApp(t, &clock{t: time.Now()}, web.Config{})
	newUser(t, a.db, "victim@example.org")
	c := a.client()
	for i := range 20 {
		email := "nobody" + string(rune('a'+i)) + "@example.org"
		if r := c.post("/login", url.Values{"email": {email}, "password": {"not the password"}}); r.Status != 401 {
			t.Fatalf("failure %d: status %d, want 401", i+1, r.Status)
		}
	}
	r := c.post("/login", url.Values{"email": {"victim@example.org"}, "password": {testPassword}})
	if r.Status != 429 {
		t.Errorf("21st sign-in from one address: status %d, want 429", r.Status)
	}
}

func TestAuthSecureCookie(t *testing.T) {
	a := newApp(t)
	newUser(t, a.db, "tls@example.org", domain.Membership{Partnership: anchorage, Role: domain.RoleViewer})
	tests := []struct {
		name       string
		trustProxy bool
		proto      string
		want       bool
	}{
		{"proxy says https", true, "https", true},
		{"proxy says http", true, "http", false},
		{"untrusted header", false, "https", false},
		{"no header", false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := web.New(a.db, web.Config{TrustProxy: tt.trustProxy, Now: fixedNow})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(s)
			defer srv.Close()
			c := newClient(t, srv.URL)
			f := url.Values{"email": {"tls@example.org"}, "password": {testPassword}, "_csrf": {c.csrf()}}
			r := c.do("POST", "/login", f, "", "X-Forwarded-Proto", tt.proto)
			ck := findCookie(r.Cookies, "ib_session")
			if r.Status != 303 || ck == nil {
				t.Fatalf("status %d, session cookie %v", r.Status, ck)
			}
			if ck.Secure != tt.want || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
				t.Errorf("cookie Secure=%v HttpOnly=%v SameSite=%v, want Secure=%v, HttpOnly, Lax", ck.Secure, ck.HttpOnly, ck.SameSite, tt.want)
			}
		})
	}
}

func findCookie(cs []*http.Cookie, name string) *http.Cookie {
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestAuthLoginRedirectStaysOnSite(t *testing.T) {
	a := newApp(t)
	newUser(t, a.db, "next@example.org")
	for _, next := range []string{"//evil.example", "/\t/evil.example", "/\\evil.example", "https://evil.example/", "/\n/evil.example"} {
		c := a.client()
		r := c.post("/login", url.Values{"email": {"next@example.org"}, "password": {testPassword}, "next": {next}})
		if r.Status != 303 || r.location() != "/" {
			t.Errorf("next=%q: status %d, location %q, want 303 to /", next, r.Status, r.location())
		}
	}
}

// smallCells is a synthetic partnership (not real data) with one figure
// whose denominator is under the suppression threshold: only members may
// see its value.
func smallCells() *domain.Bundle {
	num, den := 3.0, 8.0
	return &domain.Bundle{
		Partnership: domain.Partnership{Slug: "synthetic-small-cells", Name: "Synthetic test partnership", SuppressionThreshold: 10, Published: true},
		Partners:    []domain.Partner{{Slug: "test-partner", Name: "Test partner", Sector: "nonprofit"}},
		Goals:       []domain.Goal{{Slug: "test-goal", Title: "Test goal"}},
		Indicators: []domain.Indicator{{Slug: "test-rate", Goal: "test-goal", Name: "Test rate", Unit: domain.UnitPercent,
			Direction: domain.HigherIsBetter, Method: domain.MethodLinear, Kind: domain.KindCore}},
		Measurements: []domain.Measurement{{Indicator: "test-rate", Year: 2020, Value: 37.5, Numerator: &num, Denominator: &den,
			Status: domain.StatusApproved}},
	}
}

// bearer is an API client that sends a token and no cookies.
func bearer(a *app, secret string) *client {
	return &client{t: a.t, base: a.srv.URL, hc: &http.Client{Transport: rawAuth("Bearer " + secret)}}
}

func createToken(t testing.TB, db *store.DB, u domain.User, partnership string) (string, domain.Token) {
	t.Helper()
	secret, tok, err := db.CreateToken(context.Background(), u.ID, partnership, "test script", "test")
	if err != nil {
		t.Fatalf("create token in %s: %v", partnership, err)
	}
	return secret, tok
}

func TestAuthTokens(t *testing.T) {
	a := newApp(t, smallCells())
	unpublish(t, a.db, anchorage)
	ctx := context.Background()
	u := newUser(t, a.db, "script@example.org",
		domain.Membership{Partnership: anchorage, Role: domain.RoleViewer},
		domain.Membership{Partnership: betterTogether, Role: domain.RoleViewer},
		domain.Membership{Partnership: "synthetic-small-cells", Role: domain.RoleViewer})
	forA, _ := createToken(t, a.db, u, anchorage)
	forB, _ := createToken(t, a.db, u, betterTogether)
	forSmall, _ := createToken(t, a.db, u, "synthetic-small-cells")
	revoked, revokedTok := createToken(t, a.db, u, anchorage)
	if err := a.db.RevokeToken(ctx, u.ID, revokedTok.ID, "test"); err != nil {
		t.Fatal(err)
	}
	private := "/api/v1/partnerships/" + anchorage + "/indicators/hs-graduation-4yr"
	small := "/api/v1/partnerships/synthetic-small-cells/indicators/test-rate"
	tests := []struct {
		name   string
		c      *client
		path   string
		status int
		want   string // in the body
	}{
		{"token for A reads A's unpublished data", bearer(a, forA), private, 200, `"measurements"`},
		{"token for B cannot read A's unpublished data", bearer(a, forB), private, 404, "not_found"},
		{"public cannot read A's unpublished data", a.client(), private, 404, "not_found"},
		{"token for B does not list A", bearer(a, forB), "/api/v1/partnerships", 200, betterTogether},
		{"token sees small cells of its partnership", bearer(a, forSmall), small, 200, `"value":37.5`},
		{"token of another partnership gets them suppressed", bearer(a, forB), small, 200, `"suppressed":true`},
		{"public gets them suppressed", a.client(), small, 200, `"suppressed":true`},
		{"revoked token", bearer(a, revoked), "/api/v1/me", 401, "unauthorized"},
		{"unknown token", bearer(a, "ib_not-a-token"), "/api/v1/me", 401, "unauthorized"},
		{"revoked token on a public page", bearer(a, revoked), "/api/v1/partnerships", 401, "unauthorized"},
		{"token names its scope", bearer(a, forA), "/api/v1/me", 200, `"token_partnership":"` + anchorage + `"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.c.get(tt.path)
			if r.Status != tt.status || !strings.Contains(r.Body, tt.want) {
				t.Errorf("GET %s: status %d, want %d with %q; body %.300s", tt.path, r.Status, tt.status, tt.want, r.Body)
			}
		})
	}
	if r := bearer(a, forB).get("/api/v1/partnerships"); strings.Contains(r.Body, anchorage) {
		t.Error("a token for B lists A's unpublished partnership")
	}
	if r := bearer(a, forB).get(small); strings.Contains(r.Body, "37.5") {
		t.Error("a token for B sees a small cell of another partnership")
	}
}

// TestAuthTokenScope: a token acts with its owner's role in its own
// partnership only, and cannot widen itself.
func TestAuthTokenScope(t *testing.T) {
	a := newApp(t)
	u := newUser(t, a.db, "editor@example.org",
		domain.Membership{Partnership: anchorage, Role: domain.RoleEditor},
		domain.Membership{Partnership: betterTogether, Role: domain.RoleAdmin})
	forA, _ := createToken(t, a.db, u, anchorage)
	c := bearer(a, forA)
	if r := c.get("/api/v1/me"); strings.Contains(r.Body, betterTogether) {
		t.Errorf("/api/v1/me with a token for A shows B: %.300s", r.Body)
	}
	// No CSRF token: a bearer token cannot be sent by a forged form.
	r := c.do("POST", "/api/v1/tokens", nil, `{"partnership":"`+betterTogether+`","name":"widen"}`)
	if r.Status != 403 {
		t.Errorf("token for A creating a token for B: status %d, want 403", r.Status)
	}
	r = c.do("POST", "/api/v1/tokens", nil, `{"partnership":"`+anchorage+`","name":"another"}`)
	if r.Status != 201 || !strings.Contains(r.Body, `"token":"ib_`) {
		t.Errorf("token for A creating a token for A: status %d, body %.300s", r.Status, r.Body)
	}
	r = c.do("GET", "/p/"+betterTogether+"/admin/users", nil, "")
	if r.Status != 403 {
		t.Errorf("token for A on B's admin page (where its owner is admin): status %d, want 403", r.Status)
	}
	lower := &client{t: t, base: a.srv.URL, hc: &http.Client{Transport: rawAuth("bearer " + forA)}}
	if r := lower.get("/api/v1/me"); r.Status != 200 {
		t.Errorf(`"bearer" in lower case: status %d, want 200`, r.Status)
	}
}

// rawAuth sends its value as the Authorization header of every request.
type rawAuth string

func (s rawAuth) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", string(s))
	return http.DefaultTransport.RoundTrip(r)
}
