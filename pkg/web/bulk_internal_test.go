package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// TestBulkRoutes: imports and exports get the bulk time limit, pages and
// other API calls the request limit.
func TestBulkRoutes(t *testing.T) {
	e := echo.New()
	for path, bulk := range map[string]bool{
		"/p/:partnership":                           false,
		"/api/v1/partnerships/:partnership":         false,
		"/p/:partnership/import":                    true,
		"/p/:partnership/import/apply":              true,
		"/api/v1/partnerships/:partnership/imports": true,
		"/p/:partnership/export.xlsx":               true,
		"/api/v1/partnerships/:partnership/export":  true,
	} {
		c := e.NewContext(httptest.NewRequest(http.MethodGet, "/", nil), httptest.NewRecorder())
		c.SetPath(path)
		if isBulk(c) != bulk || isShort(c) == bulk {
			t.Errorf("%s: bulk %v, short %v; want bulk %v", path, isBulk(c), isShort(c), bulk)
		}
	}
}

// TestBulkRoutesAreRoutes: every bulk route is a route the server has, so
// a renamed route cannot silently fall back to the 30 s limit.
func TestBulkRoutesAreRoutes(t *testing.T) {
	s, err := New(nil, Config{Version: "test"})
	if err != nil {
		t.Skipf("a server without a store: %v", err)
	}
	have := map[string]bool{}
	for _, r := range s.echo.Routes() {
		have[r.Path] = true
	}
	for path := range bulkRoutes {
		if !have[path] {
			t.Errorf("bulk route %s is no route of the server", path)
		}
	}
}
