package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

var saveTime = time.Date(2026, 2, 3, 4, 5, 6, 789000000, time.UTC)

// openWithClock runs fn per dialect with a store whose clock is c.
func openWithClock(t *testing.T, fn func(t *testing.T, db *store.DB, c *fixedClock)) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		c := newClock(saveTime)
		fn(t, storetest.Open(t, dsn, c.options()), c)
	})
}

func mustSave(t *testing.T, db *store.DB, b *domain.Bundle, actor string) store.SaveResult {
	t.Helper()
	res, err := db.SaveBundle(t.Context(), b, actor)
	if err != nil {
		t.Fatalf("SaveBundle: %v", err)
	}
	return res
}

func mustBundle(t *testing.T, db *store.DB, slug string) *domain.Bundle {
	t.Helper()
	b, err := db.Bundle(t.Context(), slug)
	if err != nil {
		t.Fatalf("Bundle(%q): %v", slug, err)
	}
	return b
}

func mustAudit(t *testing.T, db *store.DB, slug, entity, key string) []domain.AuditEntry {
	t.Helper()
	a, err := db.Audit(t.Context(), slug, entity, key)
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	return a
}

func TestSaveBundleRoundTrip(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, _ *fixedClock) {
		in := sampleBundle("round-trip")
		got := mustSave(t, db, in, "seed")
		if want := (store.SaveResult{Added: 7}); got != want {
			t.Errorf("SaveResult = %+v, want %+v", got, want)
		}
		checkBundle(t, mustBundle(t, db, "round-trip"), wantStored(in, "seed", saveTime))

		audit := mustAudit(t, db, "round-trip", "", "")
		// 1 partnership + 2 partners + 1 goal + 2 indicators + 5 measurements + 2 comparisons
		if len(audit) != 13 {
			t.Fatalf("%d audit entries, want 13", len(audit))
		}
		for _, a := range audit {
			if a.Action != "create" || a.Actor != "seed" || !a.At.Equal(saveTime) || a.Old != "" || a.New == "" {
				t.Errorf("audit entry %+v: want a create by seed at %v with only new JSON", a, saveTime)
			}
		}
	})
}

func TestSaveBundleIdempotent(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, c *fixedClock) {
		mustSave(t, db, sampleBundle("twice"), "seed")
		before := mustAudit(t, db, "twice", "", "")
		c.set(saveTime.Add(time.Hour))
		got := mustSave(t, db, sampleBundle("twice"), "seed")
		if want := (store.SaveResult{Unchanged: 7}); got != want {
			t.Errorf("second SaveResult = %+v, want %+v", got, want)
		}
		if after := mustAudit(t, db, "twice", "", ""); len(after) != len(before) {
			t.Errorf("second save wrote %d audit rows, want 0", len(after)-len(before))
		}
		// Saving what Bundle returned (IDs, filled-in entries) changes nothing either.
		got = mustSave(t, db, mustBundle(t, db, "twice"), "someone")
		if want := (store.SaveResult{Unchanged: 7}); got != want {
			t.Errorf("SaveResult of the stored bundle = %+v, want %+v", got, want)
		}
	})
}

func TestSaveBundleChangedValue(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, c *fixedClock) {
		mustSave(t, db, sampleBundle("change"), "seed")
		later := saveTime.Add(24 * time.Hour)
		c.set(later)
		b := sampleBundle("change")
		b.Measurements[3].Value = 47.25 // Alaska Native, 2010, entered by ana at `entered`
		b.Measurements[3].EnteredBy, b.Measurements[3].EnteredAt = "", time.Time{}
		got := mustSave(t, db, b, "editor")
		if want := (store.SaveResult{Changed: 1, Unchanged: 6}); got != want {
			t.Errorf("SaveResult = %+v, want %+v", got, want)
		}
		key := "graduation-rate/2010/Race/ethnicity/Alaska Native"
		audit := mustAudit(t, db, "change", "measurement", key)
		if len(audit) != 2 {
			t.Fatalf("%d audit entries for %s, want create and update", len(audit), key)
		}
		upd := audit[0] // newest first
		if upd.Action != "update" || upd.Actor != "editor" || !upd.At.Equal(later) {
			t.Errorf("newest entry = %+v, want an update by editor at %v", upd, later)
		}
		if !strings.Contains(upd.Old, `"value":45.5`) || !strings.Contains(upd.New, `"value":47.25`) {
			t.Errorf("update old %s new %s: want values 45.5 then 47.25", upd.Old, upd.New)
		}
		m := mustBundle(t, db, "change").Measurements[3]
		if m.Value != 47.25 || m.EnteredBy != "editor" || !m.EnteredAt.Equal(later) {
			t.Errorf("stored %+v: want 47.25 entered by editor at %v", m, later)
		}
	})
}

func TestSaveBundleEntityChanges(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, _ *fixedClock) {
		mustSave(t, db, sampleBundle("entities"), "seed")
		b := sampleBundle("entities")
		b.Partnership.Backbone = "school-district"
		b.Indicators[0].Interim = append(b.Indicators[0].Interim, domain.YearValue{Year: 2028, Value: 88})
		b.Goals[0].Title = "All students graduate"
		if got := mustSave(t, db, b, "editor"); got != (store.SaveResult{Unchanged: 7}) {
			t.Errorf("SaveResult = %+v, want 7 unchanged figures", got)
		}
		checkBundle(t, mustBundle(t, db, "entities"), wantStored(b, "seed", saveTime))
		for _, entity := range []string{"partnership", "goal", "indicator"} {
			a := mustAudit(t, db, "entities", entity, "")
			if len(a) == 0 || a[0].Action != "update" || a[0].Actor != "editor" {
				t.Errorf("%s audit = %+v, want an update by editor first", entity, a)
			}
		}
		if a := mustAudit(t, db, "entities", "partner", ""); len(a) != 2 {
			t.Errorf("partner audit has %d entries, want the 2 creates only", len(a))
		}
	})
}

func TestSaveBundleIsAdditive(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, _ *fixedClock) {
		full := sampleBundle("additive")
		mustSave(t, db, full, "seed")
		part := sampleBundle("additive")
		part.Partners[0].Contributes = nil                         // school-district keeps its two
		part.Partners[1].Contributes = []string{"chronic-absence"} // united-way gains one
		part.Measurements = []domain.Measurement{{Indicator: "chronic-absence", Year: 2013, Value: 11, Status: domain.StatusDraft}}
		part.Comparisons = nil
		if got := mustSave(t, db, part, "import"); got != (store.SaveResult{Added: 1}) {
			t.Errorf("SaveResult = %+v, want 1 added", got)
		}
		got := mustBundle(t, db, "additive")
		if len(got.Measurements) != 6 || len(got.Comparisons) != 2 || len(got.Partners) != 2 {
			t.Errorf("after a partial save: %d measurements, %d comparisons, %d partners; want 6, 2, 2",
				len(got.Measurements), len(got.Comparisons), len(got.Partners))
		}
		for _, p := range got.Partners {
			if c := p.Contributes; strings.Join(c, ",") != "graduation-rate,chronic-absence" {
				t.Errorf("%s contributes %v, want graduation-rate,chronic-absence", p.Slug, c)
			}
		}
		a := mustAudit(t, db, "additive", "partner", "united-way")
		if len(a) != 2 || a[0].Action != "update" || !strings.Contains(a[0].New, "chronic-absence") {
			t.Errorf("united-way audit = %+v, want an update adding chronic-absence", a)
		}
	})
}

func TestSaveBundleInvalid(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		b := sampleBundle("invalid")
		b.Measurements[1].Value = 101 // a percentage
		_, err := db.SaveBundle(t.Context(), b, "seed")
		if got := domain.ErrorCode(err); got != domain.EINVALID {
			t.Fatalf("SaveBundle: code %q (%v), want %q", got, err, domain.EINVALID)
		}
		if !strings.Contains(err.Error(), "outside 0..100") {
			t.Errorf("error %q should name the problem", err)
		}
		if empty, err := db.Empty(t.Context()); err != nil || !empty {
			t.Errorf("Empty = %v, %v after an invalid save; want true", empty, err)
		}
	})
}

// TestSaveBundleRollsBack cancels the context after the k-th statement of a
// save, so that statement k+1 fails, and checks that nothing of the save
// is left. The statement count comes from saving an identical partnership
// under another slug.
func TestSaveBundleRollsBack(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		count := countQueries(db)
		mustSave(t, db, sampleBundle("other"), "seed")
		n := int(count.reset())
		var cancelAfter tripwire
		db.OnQuery(cancelAfter.hit)
		for _, k := range []int{1, n / 2, n - 1} {
			ctx, cancel := context.WithCancel(t.Context())
			cancelAfter.arm(k, cancel)
			_, err := db.SaveBundle(ctx, sampleBundle("rolled-back"), "seed")
			cancel()
			if err == nil {
				t.Fatalf("failing after statement %d of %d: SaveBundle succeeded", k, n)
			}
			_, err = db.Bundle(t.Context(), "rolled-back")
			if domain.ErrorCode(err) != domain.ENOTFOUND {
				t.Errorf("failing after statement %d of %d: Bundle = %v, want not found", k, n, err)
			}
		}
		cancelAfter.arm(-1, nil)
		if list, _ := db.ListPartnerships(t.Context()); len(list) != 1 {
			t.Errorf("%d partnerships, want only the first", len(list))
		}
		if got := mustSave(t, db, sampleBundle("rolled-back"), "seed"); got != (store.SaveResult{Added: 7}) {
			t.Errorf("saving after the failures: %+v, want 7 added", got)
		}
	})
}

func TestUnknownPartnership(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		_, err := db.Bundle(t.Context(), "no-such-thing")
		if got := domain.ErrorCode(err); got != domain.ENOTFOUND || !strings.Contains(err.Error(), `partnership "no-such-thing" not found`) {
			t.Errorf("Bundle: %q (%v), want ENOTFOUND naming the slug", got, err)
		}
		_, err = db.Audit(t.Context(), "no-such-thing", "", "")
		if got := domain.ErrorCode(err); got != domain.ENOTFOUND {
			t.Errorf("Audit: code %q (%v), want ENOTFOUND", got, err)
		}
	})
}

func TestListPartnerships(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		for _, slug := range []string{"zeta", "alpha"} {
			mustSave(t, db, sampleBundle(slug), "seed")
		}
		list, err := db.ListPartnerships(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range list {
			got = append(got, p.Slug+":"+p.Backbone)
		}
		if want := "alpha:united-way,zeta:united-way"; strings.Join(got, ",") != want {
			t.Errorf("ListPartnerships = %v, want %s", got, want)
		}
		if empty, _ := db.Empty(t.Context()); empty {
			t.Error("Empty = true with two partnerships")
		}
	})
}

func TestAuditNewestFirst(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, c *fixedClock) {
		b := sampleBundle("history")
		mustSave(t, db, b, "seed")
		for i := 1; i <= 3; i++ {
			c.set(saveTime.Add(time.Duration(i) * time.Minute))
			b.Comparisons[0].Value = 70 + float64(i)
			mustSave(t, db, b, "editor")
		}
		key := "graduation-rate/State/2010//"
		a := mustAudit(t, db, "history", "comparison", key)
		if len(a) != 4 {
			t.Fatalf("%d entries for %s, want 4", len(a), key)
		}
		for i, e := range a {
			if want := saveTime.Add(time.Duration(3-i) * time.Minute); !e.At.Equal(want) || e.Key != key || e.Entity != "comparison" {
				t.Errorf("entry %d = %+v, want %s at %v", i, e, key, want)
			}
		}
		if all := mustAudit(t, db, "history", "comparison", ""); len(all) != 5 {
			t.Errorf("%d comparison entries, want 5 (2 creates, 3 updates)", len(all))
		}
	})
}

// tripwire calls a cancel function at the k-th hit after being armed.
type tripwire struct {
	mu     sync.Mutex
	left   int
	cancel context.CancelFunc
}

func (w *tripwire) arm(k int, cancel context.CancelFunc) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.left, w.cancel = k, cancel
}

func (w *tripwire) hit() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.left--
	if w.left == 0 && w.cancel != nil {
		w.cancel()
	}
}

func TestSaveBundleNeedsActor(t *testing.T) {
	db := storetest.SQLite(t)
	for _, tt := range []struct {
		name  string
		b     *domain.Bundle
		actor string
	}{
		{"no actor", sampleBundle("x"), " "},
		{"no bundle", nil, "seed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.SaveBundle(t.Context(), tt.b, tt.actor)
			if got := domain.ErrorCode(err); got != domain.EINVALID {
				t.Errorf("code %q (%v), want %q", got, err, domain.EINVALID)
			}
		})
	}
}
