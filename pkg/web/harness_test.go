package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/impactboard/impactboard"
	"github.com/impactboard/impactboard/pkg/dashboard"
	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/seed"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
	"github.com/impactboard/impactboard/pkg/web"
)

// fixedNow makes "stale data" flags independent of the day the tests run.
func fixedNow() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }

// app is a real server over a real SQLite file holding the sample data.
type app struct {
	t   testing.TB
	db  *store.DB
	srv *httptest.Server
}

func newApp(t testing.TB, extra ...*domain.Bundle) *app {
	t.Helper()
	db := storetest.SQLite(t)
	saveSample(t, db, extra...)
	ds, err := dashboard.LoadAll(impactboard.DashboardsFS())
	if err != nil {
		t.Fatalf("load dashboards: %v", err)
	}
	return serveApp(t, db, ds)
}

// saveSample stores the sample partnerships, and extra, in db.
func saveSample(t testing.TB, db *store.DB, extra ...*domain.Bundle) {
	t.Helper()
	bundles, err := seed.Load(impactboard.SeedFS())
	if err != nil {
		t.Fatalf("load seed: %v", err)
	}
	for _, b := range append(bundles, extra...) {
		if _, err := db.SaveBundle(context.Background(), b, "test"); err != nil {
			t.Fatalf("save %s: %v", b.Partnership.Slug, err)
		}
	}
}

func serveApp(t testing.TB, db *store.DB, ds []*dashboard.Dashboard) *app {
	t.Helper()
	s, err := web.New(db, web.Config{Now: fixedNow, Dashboards: ds, Version: "test"})
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &app{t: t, db: db, srv: srv}
}

// get fetches path and fails the test unless the status is want.
func (a *app) get(path string, want int) (string, http.Header) {
	a.t.Helper()
	resp, err := http.Get(a.srv.URL + path)
	if err != nil {
		a.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		a.t.Fatalf("read %s: %v", path, err)
	}
	if resp.StatusCode != want {
		a.t.Fatalf("GET %s: status %d, want %d; body: %.300s", path, resp.StatusCode, want, body)
	}
	return string(body), resp.Header
}

func (a *app) getJSON(path string, want int, v any) {
	a.t.Helper()
	body, h := a.get(path, want)
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		a.t.Fatalf("GET %s: content type %q, want JSON", path, ct)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		a.t.Fatalf("GET %s: decode: %v; body: %.300s", path, err, body)
	}
}

func mustContain(t testing.TB, where, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", where, w)
		}
	}
}

func mustNotContain(t testing.TB, where, body string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(body, b) {
			t.Errorf("%s: must not contain %q", where, b)
		}
	}
}
