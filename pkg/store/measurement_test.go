package store_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

func TestSaveMeasurementsAllOrNothing(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("strict"), "seed")
		sub := domain.StatusSubmitted
		items := []domain.Measurement{
			{Year: 2020, Value: 120, Status: sub},
			{Year: 2021, Value: 80, Status: sub}, // valid
			{Year: 0, Value: 50, Status: sub},
			{Year: 2022, Value: 50, Numerator: num(60), Denominator: num(50), Status: sub},
			{Year: 2023, Value: math.NaN(), Status: sub},
			{Year: 2024, Value: math.Inf(1), Status: sub},
			{Indicator: "chronic-absence", Year: 2025, Value: 50, Status: sub},
		}
		_, err := db.SaveMeasurements(t.Context(), "strict", "graduation-rate", items, "ana", "")
		var de *domain.Error
		if !errors.As(err, &de) || de.Code != domain.EINVALID {
			t.Fatalf("SaveMeasurements = %v, want EINVALID", err)
		}
		want := []string{
			"item 1: value: 120% is outside 0..100",
			"item 3: year: year 0 is outside 1900..2100",
			"item 4: numerator: numerator 60 is greater than denominator 50",
			"item 5: value: must be a finite number",
			"item 6: value: must be a finite number",
			`item 7: indicator: "chronic-absence" is not "graduation-rate", the indicator being saved`,
		}
		var got []string
		for _, f := range de.Fields {
			got = append(got, f.String())
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if n := len(mustBundle(t, db, "strict").Measurements); n != 5 {
			t.Errorf("%d measurements after a refused save, want the 5 seeded", n)
		}
		_, err = db.SaveMeasurements(t.Context(), "strict", "no-such-indicator", items[1:2], "ana", "")
		wantCode(t, "unknown indicator", err, domain.ENOTFOUND, `"no-such-indicator" not found`)
		dup := []domain.Measurement{items[1], items[1]}
		_, err = db.SaveMeasurements(t.Context(), "strict", "graduation-rate", dup, "ana", "")
		wantCode(t, "same figure twice", err, domain.EINVALID, "item 2: year: same year and group as item 1")
	})
}

func TestSaveMeasurements(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, c *fixedClock) {
		mustSave(t, db, sampleBundle("entry"), "seed")
		items := []domain.Measurement{
			{Year: 2012, Value: 64, Status: domain.StatusSubmitted},
			{Year: 2012, Dimension: "Income", Group: "Low income", Value: 51, Numerator: num(51), Denominator: num(100), Status: domain.StatusSubmitted},
		}
		save := func(comment string) store.SaveResult {
			t.Helper()
			res, err := db.SaveMeasurements(t.Context(), "entry", "graduation-rate", items, "ana", comment)
			if err != nil {
				t.Fatalf("SaveMeasurements: %v", err)
			}
			return res
		}
		if got := save("first entry"); got != (store.SaveResult{Added: 2}) {
			t.Errorf("first save = %+v, want 2 added", got)
		}
		c.set(saveTime.Add(time.Hour))
		if got := save("again"); got != (store.SaveResult{Unchanged: 2}) {
			t.Errorf("same save = %+v, want 2 unchanged", got)
		}
		items[0].Value = 65
		if got := save("typo fixed"); got != (store.SaveResult{Changed: 1, Unchanged: 1}) {
			t.Errorf("changed save = %+v, want 1 changed, 1 unchanged", got)
		}
		a := mustAudit(t, db, "entry", "measurement", "graduation-rate/2012//")
		if len(a) != 2 || a[0].Comment != "typo fixed" || a[0].Actor != "ana" || a[1].Comment != "first entry" {
			t.Errorf("audit = %+v, want the update (typo fixed) and the create (first entry)", a)
		}
		m := mustBundle(t, db, "entry").Measurements
		if got := m[2]; got.Year != 2012 || got.Value != 65 || got.EnteredBy != "ana" || !got.EnteredAt.Equal(saveTime.Add(time.Hour)) {
			t.Errorf("stored %+v, want 65 entered by ana an hour later", got)
		}
	})
}

func TestSetMeasurementStatus(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("approve"), "seed") // 2011 all groups is submitted, 2010 approved
		set := func(status domain.MeasurementStatus, comment string, items ...store.ReviewedFigure) (int, error) {
			return db.SetMeasurementStatus(t.Context(), "approve", "graduation-rate", items, status, "editor", comment)
		}
		seen := func(k store.MeasurementKey, v float64) store.ReviewedFigure {
			return store.ReviewedFigure{MeasurementKey: k, Value: &v}
		}
		y2010, y2011 := seen(store.MeasurementKey{Year: 2010}, 60), seen(store.MeasurementKey{Year: 2011}, 62.5)
		_, err := set(domain.StatusApproved, "", y2011, y2010)
		wantCode(t, "approving an approved figure", err, domain.ECONFLICT, "item 2 (2010, all groups) is approved")
		_, err = set(domain.StatusApproved, "", seen(store.MeasurementKey{Year: 2011, Dimension: "Income", Group: "Low income"}, 1))
		wantCode(t, "unknown figure", err, domain.ENOTFOUND, "item 1 (2011, Income: Low income)")
		_, err = set(domain.StatusDraft, "", y2011)
		wantCode(t, "to draft", err, domain.EINVALID, "only be approved or returned")
		if n, err := set(domain.StatusApproved, "matches the state file", y2011); err != nil || n != 1 {
			t.Fatalf("approve = %d, %v; want 1", n, err)
		}
		_, err = set(domain.StatusApproved, "", y2011)
		wantCode(t, "approving twice", err, domain.ECONFLICT, "only submitted figures can be approved: item 1 (2011, all groups) is approved")
		a := mustAudit(t, db, "approve", "measurement", "graduation-rate/2011//")
		if len(a) != 2 || a[0].Comment != "matches the state file" || a[0].Actor != "editor" ||
			!strings.Contains(a[0].Old, `"status":"submitted"`) || !strings.Contains(a[0].New, `"status":"approved"`) {
			t.Errorf("audit = %+v, want the approval with its comment", a)
		}
		if m := mustBundle(t, db, "approve").Measurements[1]; m.Status != domain.StatusApproved || m.EnteredBy != "seed" {
			t.Errorf("stored %+v, want approved and still entered by seed", m)
		}
	})
}

// TestSetMeasurementStatusStale: an approval names the figure as the
// reviewer saw it, and a figure changed since is refused, not approved.
func TestSetMeasurementStatusStale(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("stale"), "seed") // 2011 all groups: 62.5, submitted
		shown := mustBundle(t, db, "stale").Measurements[1]
		changed := domain.Measurement{Year: 2011, Value: 30, Status: domain.StatusSubmitted}
		if _, err := db.SaveMeasurements(t.Context(), "stale", "graduation-rate", []domain.Measurement{changed}, "steward", ""); err != nil {
			t.Fatal(err)
		}
		now := mustBundle(t, db, "stale").Measurements[1]
		set := func(v *float64, at time.Time) error {
			_, err := db.SetMeasurementStatus(t.Context(), "stale", "graduation-rate",
				[]store.ReviewedFigure{{MeasurementKey: store.MeasurementKey{Year: 2011}, Value: v, EnteredAt: at}}, domain.StatusApproved, "editor", "")
			return err
		}
		old, fresh := shown.Value, now.Value
		wantCode(t, "approving the value shown before the change", set(&old, time.Time{}), domain.ECONFLICT,
			"changed since it was shown to you; review it again: item 1 (2011, all groups) is now 30, entered by steward")
		wantCode(t, "the right value, entered at another time", set(&fresh, shown.EnteredAt.Add(-time.Second)), domain.ECONFLICT, "changed since it was shown")
		wantCode(t, "no value", set(nil, time.Time{}), domain.EINVALID, "invalid status change")
		if m := mustBundle(t, db, "stale").Measurements[1]; m.Status != domain.StatusSubmitted {
			t.Fatalf("after refused approvals 2011 is %s, want still submitted", m.Status)
		}
		if err := set(&fresh, now.EnteredAt); err != nil {
			t.Fatalf("approving the figure as it is: %v", err)
		}
		if m := mustBundle(t, db, "stale").Measurements[1]; m.Status != domain.StatusApproved || m.Value != 30 {
			t.Errorf("stored %+v, want 30 approved", m)
		}
	})
}

func TestDeleteMeasurement(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("remove"), "seed")
		key := store.MeasurementKey{Year: 2010, Dimension: "Race/ethnicity", Group: "Alaska Native"}
		if err := db.DeleteMeasurement(t.Context(), "remove", "graduation-rate", key, "editor", "entered twice"); err != nil {
			t.Fatal(err)
		}
		err := db.DeleteMeasurement(t.Context(), "remove", "graduation-rate", key, "editor", "")
		wantCode(t, "deleting twice", err, domain.ENOTFOUND, "2010, Race/ethnicity: Alaska Native")
		if n := len(mustBundle(t, db, "remove").Measurements); n != 4 {
			t.Errorf("%d measurements, want 4", n)
		}
		a := mustAudit(t, db, "remove", "measurement", "graduation-rate/2010/Race/ethnicity/Alaska Native")
		if len(a) != 2 || a[0].Action != "delete" || a[0].Comment != "entered twice" || !strings.Contains(a[0].Old, `"value":45.5`) {
			t.Errorf("audit = %+v, want the delete with the old value and the comment", a)
		}
	})
}
