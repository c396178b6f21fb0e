package web

import (
	"testing"
)

func TestTimeoutFor(t *testing.T) {
	for path, want := range map[string]string{
		"/p/:partnership":                           "30s",
		"/api/v1/partnerships/:partnership":         "30s",
		"/p/:partnership/import":                    "15m0s",
		"/p/:partnership/import/apply":              "15m0s",
		"/api/v1/partnerships/:partnership/imports": "15m0s",
		"/p/:partnership/export.xlsx":               "15m0s",
		"/api/v1/partnerships/:partnership/export":  "15m0s",
	} {
		if got := timeoutFor(path).String(); got != want {
			t.Errorf("timeoutFor(%s) = %s, want %s", path, got, want)
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
