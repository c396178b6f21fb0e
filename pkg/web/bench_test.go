package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
	"github.com/impactboard/impactboard/pkg/web"
)

// synthetic builds a partnership of generated test figures (not sample
// data): indicators × years × groups, plus the all-groups series.
func synthetic(slug string, indicators, years, groups int) *domain.Bundle {
	b := &domain.Bundle{
		Partnership: domain.Partnership{Slug: slug, Name: "Synthetic " + slug, SuppressionThreshold: 10, Published: true},
		Partners:    []domain.Partner{{Slug: "backbone", Name: "Backbone", Sector: "nonprofit"}},
		Goals:       []domain.Goal{{Slug: "goal", Title: "A goal"}},
	}
	for i := range indicators {
		slug := fmt.Sprintf("indicator-%d", i)
		b.Partners[0].Contributes = append(b.Partners[0].Contributes, slug)
		b.Indicators = append(b.Indicators, domain.Indicator{
			Slug: slug, Goal: "goal", Name: fmt.Sprintf("Indicator %d", i), Unit: domain.UnitPercent, Decimals: 1,
			Direction: domain.HigherIsBetter, Method: domain.MethodLinear, Kind: domain.KindCore,
			Baseline: &domain.YearValue{Year: 2000, Value: 50}, Target: &domain.YearValue{Year: 2000 + years + 5, Value: 90},
			Position: i,
		})
		for y := range years {
			add := func(dim, group string, v float64) {
				b.Measurements = append(b.Measurements, domain.Measurement{Indicator: slug, Year: 2000 + y, Dimension: dim, Group: group,
					Value: v, Status: domain.StatusApproved, Source: "https://example.org/figures"})
			}
			add("", "", 50+float64(y)+float64(i%7)/10)
			for g := range groups {
				add("Race/ethnicity", fmt.Sprintf("Group %d", g), 40+float64(y)+float64(g))
			}
		}
	}
	return b
}

func syntheticApp(t testing.TB, indicators, years, groups int) (*store.DB, http.Handler) {
	t.Helper()
	db := storetest.SQLite(t)
	if _, err := db.SaveBundle(context.Background(), synthetic("synthetic", indicators, years, groups), "test"); err != nil {
		t.Fatalf("save: %v", err)
	}
	s, err := web.New(db, web.Config{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return db, s
}

// queryCounts serves path twice from a new server over db, whose report
// cache is empty: the first request builds the report from the database
// (cold), the second reuses it (warm). It returns how many queries each ran.
func queryCounts(t *testing.T, db *store.DB, q *atomic.Int64, path string) (cold, warm int64) {
	t.Helper()
	h, err := web.New(db, web.Config{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	get := func() int64 {
		q.Store(0)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", path, rec.Code)
		}
		return q.Load()
	}
	return get(), get()
}

// TestQueriesAreBounded: each page costs the same number of queries
// whatever the number of indicators (no N+1), both when it builds the
// report from the database and when it reuses the cached one. Each path is
// measured on its own new server, so no path rides on the cache another
// path filled.
func TestQueriesAreBounded(t *testing.T) {
	paths := []string{"/p/synthetic", "/p/synthetic/indicators/indicator-1", "/api/v1/partnerships/synthetic", "/api/v1/partnerships/synthetic/indicators/indicator-1"}
	type counts struct{ cold, warm int64 }
	got := map[int][]counts{}
	for _, n := range []int{2, 40} {
		db, _ := syntheticApp(t, n, 5, 3)
		var q atomic.Int64
		db.OnQuery(func() { q.Add(1) })
		for _, p := range paths {
			cold, warm := queryCounts(t, db, &q, p)
			got[n] = append(got[n], counts{cold, warm})
		}
	}
	for i, p := range paths {
		few, many := got[2][i], got[40][i]
		if few.cold != many.cold || few.cold == 0 || few.cold > 12 {
			t.Errorf("%s, cold cache: %d queries with 2 indicators, %d with 40; want the same small number", p, few.cold, many.cold)
		}
		if few.warm != many.warm || few.warm == 0 || few.warm >= few.cold {
			t.Errorf("%s, warm cache: %d queries with 2 indicators, %d with 40; want the same number, fewer than cold (%d)", p, few.warm, many.warm, few.cold)
		}
		t.Logf("%s: %d queries cold, %d warm", p, few.cold, few.warm)
	}
}

// BenchmarkOverview renders the overview of a partnership with 40
// indicators × 20 years × 8 groups through the whole HTTP handler. The
// first iteration builds the report; every later one finds it cached
// (one revision query, then rendering), so this measures the cached path.
func BenchmarkOverview(b *testing.B) {
	_, h := syntheticApp(b, 40, 20, 8)
	req := httptest.NewRequest(http.MethodGet, "/p/synthetic", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkOverviewCold renders the same overview with an empty report
// cache, as the first request after a start or after any change to the
// partnership's data: it adds loading the data and building the report to
// what BenchmarkOverview measures. Each iteration gets a new server; making
// it (parsing templates) is left out of the timing.
func BenchmarkOverviewCold(b *testing.B) {
	db, _ := syntheticApp(b, 40, 20, 8)
	req := httptest.NewRequest(http.MethodGet, "/p/synthetic", nil)
	b.ReportAllocs()
	for range b.N {
		b.StopTimer()
		h, err := web.New(db, web.Config{Now: fixedNow})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkIndicator renders one indicator page of the same partnership,
// like BenchmarkOverview from the cached report.
func BenchmarkIndicator(b *testing.B) {
	_, h := syntheticApp(b, 40, 20, 8)
	req := httptest.NewRequest(http.MethodGet, "/p/synthetic/indicators/indicator-7", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// TestCachedReportFollowsChanges: a page served from the cache shows a
// changed figure as soon as it is saved.
func TestCachedReportFollowsChanges(t *testing.T) {
	db, h := syntheticApp(t, 2, 3, 1)
	get := func() string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/partnerships/synthetic/indicators/indicator-0", nil))
		return rec.Body.String()
	}
	if before := get(); !strings.Contains(before, `"value":52`) {
		t.Fatalf("before: %.200s, want the 2002 value 52", before)
	}
	b := synthetic("synthetic", 2, 3, 1)
	b.Measurements[4].Value = 61.5 // indicator-0, 2002, all groups
	if _, err := db.SaveBundle(context.Background(), b, "editor"); err != nil {
		t.Fatal(err)
	}
	if after := get(); !strings.Contains(after, `"value":61.5`) {
		t.Errorf("after the change the API still shows the old figure: %.300s", after)
	}
}
