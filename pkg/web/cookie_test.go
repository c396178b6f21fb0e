package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/store/storetest"
	"github.com/impactboard/impactboard/pkg/web"
)

// TestCookiesSecure: every cookie the server sets (session, CSRF, flash)
// is Secure when the request came over TLS, directly or through a trusted
// proxy, and only then.
func TestCookiesSecure(t *testing.T) {
	db := storetest.SQLite(t)
	newUser(t, db, "ana@example.org")
	tests := []struct {
		name         string
		tls, trusted bool
		proto        string // X-Forwarded-Proto sent
		want         bool
	}{
		{"TLS", true, false, "", true},
		{"plain HTTP", false, false, "", false},
		{"trusted proxy over https", false, true, "https", true},
		{"trusted proxy over http", false, true, "http", false},
		{"untrusted proxy header", false, false, "https", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := web.New(db, web.Config{TrustProxy: tt.trusted, Version: "test"})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewUnstartedServer(s)
			if tt.tls {
				srv.StartTLS()
			} else {
				srv.Start()
			}
			t.Cleanup(srv.Close)
			for name, secure := range cookieFlow(t, srv, tt.proto) {
				for i, got := range secure {
					if got != tt.want {
						t.Errorf("Set-Cookie %s #%d: Secure = %v, want %v", name, i+1, got, tt.want)
					}
				}
			}
		})
	}
}

// cookieFlow signs in and out, and returns the Secure attribute of every
// Set-Cookie by cookie name. It keeps cookies by hand: a cookie jar would
// not send a Secure cookie back over plain HTTP behind the "proxy".
func cookieFlow(t *testing.T, srv *httptest.Server, proto string) map[string][]bool {
	t.Helper()
	hc := srv.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	jar, seen := map[string]string{}, map[string][]bool{}
	send := func(method, path string, form url.Values) {
		var req *http.Request
		if form != nil {
			form.Set("_csrf", jar["ib_csrf"])
			req, _ = http.NewRequest(method, srv.URL+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		} else {
			req, _ = http.NewRequest(method, srv.URL+path, nil)
		}
		if proto != "" {
			req.Header.Set("X-Forwarded-Proto", proto)
		}
		for k, v := range jar {
			req.AddCookie(&http.Cookie{Name: k, Value: v})
		}
		res, err := hc.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		res.Body.Close()
		if res.StatusCode >= 400 {
			t.Fatalf("%s %s: status %d", method, path, res.StatusCode)
		}
		for _, ck := range res.Cookies() {
			seen[ck.Name] = append(seen[ck.Name], ck.Secure)
			if ck.MaxAge < 0 {
				delete(jar, ck.Name)
			} else {
				jar[ck.Name] = ck.Value
			}
		}
	}
	send("GET", "/login", nil)
	send("POST", "/login", url.Values{"email": {"ana@example.org"}, "password": {testPassword}, "next": {"/account"}})
	send("GET", "/account", nil)
	send("POST", "/logout", url.Values{})
	send("GET", "/", nil)
	for _, name := range []string{"ib_csrf", "ib_session", "ib_flash"} {
		if len(seen[name]) == 0 {
			t.Errorf("no Set-Cookie %s in the sign-in and sign-out flow", name)
		}
	}
	return seen
}
