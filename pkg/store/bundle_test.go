package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

// bigBundle is a partnership with n indicators, each with years of figures
// for all groups and for groups-1 subgroups, and a comparison per year.
func bigBundle(slug string, n, years, groups int) *domain.Bundle {
	b := sampleBundle(slug)
	b.Indicators = b.Indicators[:1]
	b.Measurements, b.Comparisons = nil, nil
	for i := range b.Partners {
		b.Partners[i].Contributes = []string{"graduation-rate"}
	}
	for i := 1; i < n; i++ {
		ind := b.Indicators[0]
		ind.Slug, ind.Position = fmt.Sprintf("indicator-%02d", i), i+1
		b.Indicators = append(b.Indicators, ind)
	}
	for _, ind := range b.Indicators {
		for y := 2000; y < 2000+years; y++ {
			for g := 0; g < groups; g++ {
				m := domain.Measurement{Indicator: ind.Slug, Year: y, Value: float64(40 + g + y%7), Status: domain.StatusApproved}
				if g > 0 {
					m.Dimension, m.Group = "Race/ethnicity", fmt.Sprintf("Group %d", g)
					m.Numerator, m.Denominator = num(float64(40+g+y%7)), num(100)
				}
				b.Measurements = append(b.Measurements, m)
			}
			b.Comparisons = append(b.Comparisons, domain.Comparison{Indicator: ind.Slug, Geography: "State", Year: y, Value: 70})
		}
	}
	return b
}

func TestBundleQueryCountIsFixed(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, bigBundle("small", 2, 3, 2), "seed")
		mustSave(t, db, bigBundle("large", 40, 5, 4), "seed")
		count := countQueries(db)
		counts := map[string]int64{}
		for _, slug := range []string{"small", "large"} {
			count.reset()
			b := mustBundle(t, db, slug)
			counts[slug] = count.reset()
			if slug == "large" && (len(b.Indicators) != 40 || len(b.Measurements) != 40*5*4) {
				t.Errorf("large: %d indicators, %d measurements; want 40, 800", len(b.Indicators), len(b.Measurements))
			}
		}
		if counts["small"] != counts["large"] || counts["large"] != 7 {
			t.Errorf("Bundle ran %d queries for 2 indicators and %d for 40; want 7 for both", counts["small"], counts["large"])
		}
	})
}

// TestConcurrentReadsDuringWrites reads pages while two writers save. With
// one shared SQLite pool and deferred transactions, a writer whose read
// snapshot went stale failed at once with "database is locked".
func TestConcurrentReadsDuringWrites(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		slugs := []string{"busy-a", "busy-b"}
		for _, slug := range slugs {
			mustSave(t, db, bigBundle(slug, 5, 5, 4), "seed")
		}
		errs := make(chan error, 1000)
		done := make(chan struct{})
		var readers, writers sync.WaitGroup
		reads := make([]int, 3)
		for r := range reads {
			readers.Go(func() {
				for ; ; reads[r]++ {
					select {
					case <-done:
						return
					default:
					}
					if _, err := db.Bundle(t.Context(), slugs[r%2]); err != nil {
						errs <- fmt.Errorf("Bundle: %w", err)
					}
					if _, err := db.ListPartnerships(t.Context()); err != nil {
						errs <- fmt.Errorf("ListPartnerships: %w", err)
					}
				}
			})
		}
		for _, slug := range slugs {
			writers.Go(func() { saveRepeatedly(t.Context(), db, slug, 6, errs) })
		}
		writers.Wait()
		close(done)
		readers.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		for r, n := range reads {
			if n == 0 {
				t.Errorf("reader %d read nothing while the writes ran", r)
			}
		}
	})
}

// saveRepeatedly saves slug n times, changing every figure each time.
func saveRepeatedly(ctx context.Context, db *store.DB, slug string, n int, errs chan<- error) {
	b := bigBundle(slug, 5, 5, 4)
	for i := 1; i <= n; i++ {
		for j := range b.Measurements {
			m := &b.Measurements[j]
			m.Value = float64(40 + (i+j)%50)
			if m.Denominator != nil {
				m.Numerator = num(m.Value)
			}
		}
		if _, err := db.SaveBundle(ctx, b, "editor"); err != nil {
			errs <- fmt.Errorf("SaveBundle %s: %w", slug, err)
		}
	}
}

func BenchmarkBundle(b *testing.B) {
	db := storetest.SQLite(b)
	if _, err := db.SaveBundle(b.Context(), bigBundle("bench", 40, 20, 8), "seed"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.Bundle(b.Context(), "bench"); err != nil {
			b.Fatal(err)
		}
	}
}
