package store_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

// The figures below are made up for the tests; they are not data.

// figures yields ms, stopping at yield's first error.
func figures(ms ...domain.Measurement) func(func(domain.Measurement) error) error {
	return func(yield func(domain.Measurement) error) error {
		for _, m := range ms {
			if err := yield(m); err != nil {
				return err
			}
		}
		return nil
	}
}

// manyFigures returns n distinct valid figures of graduation-rate.
func manyFigures(n int) []domain.Measurement {
	out := make([]domain.Measurement, n)
	for i := range out {
		out[i] = domain.Measurement{Indicator: "graduation-rate", Year: 1900 + i%200,
			Dimension: "School", Group: fmt.Sprintf("School %d", i/200), Value: 50}
	}
	return out
}

func mustImport(t *testing.T, db *store.DB, slug string, ms []domain.Measurement, actor string) store.SaveResult {
	t.Helper()
	res, err := db.ImportMeasurements(t.Context(), slug, figures(ms...), actor)
	if err != nil {
		t.Fatalf("ImportMeasurements: %v", err)
	}
	return res
}

func TestImportMeasurements(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, _ *fixedClock) {
		mustSave(t, db, sampleBundle("imp"), "seed")
		stored := mustBundle(t, db, "imp").Measurements
		in := []domain.Measurement{
			{Indicator: "graduation-rate", Year: 2010, Value: 60}, // as stored; no status keeps "approved"
			{Indicator: "graduation-rate", Year: 2011, Value: 62.5, Numerator: num(250), Denominator: num(400),
				Note: "final", Source: "https://data.example.org/2011"}, // note changes; keeps "submitted"
			{Indicator: "graduation-rate", Year: 2012, Value: 65}, // new
		}
		if got, want := mustImport(t, db, "imp", in, "importer"), (store.SaveResult{Added: 1, Changed: 1, Unchanged: 1}); got != want {
			t.Errorf("first import = %+v, want %+v", got, want)
		}
		b := mustBundle(t, db, "imp")
		want := map[string]domain.Measurement{}
		for _, m := range stored {
			want[domain.MeasurementKey(m)] = m
		}
		changed := in[1]
		changed.Status, changed.EnteredBy, changed.EnteredAt = domain.StatusSubmitted, "importer", saveTime
		added := in[2]
		added.Status, added.EnteredBy, added.EnteredAt = domain.StatusApproved, "importer", saveTime
		want[domain.MeasurementKey(changed)], want[domain.MeasurementKey(added)] = changed, added
		checkFigures(t, b.Measurements, want)
		checkImportAudit(t, db)

		auditBefore := len(mustAudit(t, db, "imp", "", ""))
		if got, want := mustImport(t, db, "imp", in, "importer"), (store.SaveResult{Unchanged: 3}); got != want {
			t.Errorf("second import = %+v, want %+v", got, want)
		}
		if got := len(mustAudit(t, db, "imp", "", "")); got != auditBefore {
			t.Errorf("second import: %d audit rows, want %d", got, auditBefore)
		}
	})
}

// checkFigures compares figures by key, ignoring IDs.
func checkFigures(t *testing.T, got []domain.Measurement, want map[string]domain.Measurement) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d figures, want %d", len(got), len(want))
	}
	for _, m := range got {
		m.ID = 0
		w := want[domain.MeasurementKey(m)]
		w.ID = 0
		if !reflect.DeepEqual(m, w) {
			t.Errorf("figure %s:\n got %s\nwant %s", domain.MeasurementKey(m), asJSON(m), asJSON(w))
		}
	}
}

func checkImportAudit(t *testing.T, db *store.DB) {
	t.Helper()
	created := mustAudit(t, db, "imp", "measurement", "graduation-rate/2012//")
	if len(created) != 1 || created[0].Action != "create" || created[0].Actor != "importer" {
		t.Errorf("audit of the added figure = %+v, want one create by importer", created)
	}
	updated := mustAudit(t, db, "imp", "measurement", "graduation-rate/2011//")
	if len(updated) != 2 || updated[0].Action != "update" || !strings.Contains(updated[0].Old, `"note":"provisional"`) ||
		!strings.Contains(updated[0].New, `"note":"final"`) {
		t.Errorf("audit of the changed figure = %+v, want an update from provisional to final", updated)
	}
}

// TestImportMeasurementsAllOrNothing fails an import after a full batch
// has been written, in each way it can fail, and checks nothing remains.
func TestImportMeasurementsAllOrNothing(t *testing.T) {
	valid := manyFigures(600)
	errBoom := errors.New("boom")
	cases := []struct {
		name string
		rows func(func(domain.Measurement) error) error
		want string
	}{
		{"reader error", func(yield func(domain.Measurement) error) error {
			if err := figures(valid...)(yield); err != nil {
				return err
			}
			return errBoom
		}, "boom"},
		{"unknown indicator", figures(append(valid, domain.Measurement{Indicator: "nope", Year: 2020, Value: 1})...),
			`figure 601: unknown indicator "nope" in partnership "imp"`},
		{"percent 120", figures(append(valid, domain.Measurement{Indicator: "graduation-rate", Year: 2020, Value: 120})...),
			"figure 601 (graduation-rate 2020): value: 120% is outside 0..100"},
		{"duplicate", figures(append(valid, valid[3])...),
			"figure 601 (graduation-rate/1903/School/School 0): the same indicator, year and group came earlier"},
		{"swallowed error", func(yield func(domain.Measurement) error) error {
			figures(append(valid, domain.Measurement{Indicator: "nope", Year: 2020, Value: 1})...)(yield)
			return nil
		}, `unknown indicator "nope"`},
	}
	openWithClock(t, func(t *testing.T, db *store.DB, _ *fixedClock) {
		mustSave(t, db, sampleBundle("imp"), "seed")
		before, audit := mustBundle(t, db, "imp"), mustAudit(t, db, "imp", "", "")
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := db.ImportMeasurements(t.Context(), "imp", c.rows, "importer")
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("error = %v, want one containing %q", err, c.want)
				}
				if got := mustBundle(t, db, "imp"); !reflect.DeepEqual(got, before) {
					t.Errorf("bundle changed: %d figures, want %d", len(got.Measurements), len(before.Measurements))
				}
				if got := mustAudit(t, db, "imp", "", ""); len(got) != len(audit) {
					t.Errorf("%d audit rows, want %d", len(got), len(audit))
				}
			})
		}
	})
}

// TestImportMeasurementsSummaryAudit checks a large import audits its
// additions with one summary row, and its changes one by one.
func TestImportMeasurementsSummaryAudit(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, _ *fixedClock) {
		mustSave(t, db, sampleBundle("imp"), "seed")
		before := len(mustAudit(t, db, "imp", "measurement", ""))
		ms := manyFigures(1200)
		if got, want := mustImport(t, db, "imp", ms, "importer"), (store.SaveResult{Added: 1200}); got != want {
			t.Fatalf("import = %+v, want %+v", got, want)
		}
		summary := mustAudit(t, db, "imp", "import", "measurements")
		if len(summary) != 1 || summary[0].Comment != "import: 1200 added" || summary[0].Actor != "importer" {
			t.Errorf("summary audit = %+v, want one row \"import: 1200 added\" by importer", summary)
		}
		if got := len(mustAudit(t, db, "imp", "measurement", "")); got != before {
			t.Errorf("%d measurement audit rows, want %d (the summary stands for the additions)", got, before)
		}
		ms[7].Value = 51
		if got, want := mustImport(t, db, "imp", ms, "importer"), (store.SaveResult{Changed: 1, Unchanged: 1199}); got != want {
			t.Fatalf("re-import = %+v, want %+v", got, want)
		}
		if got := mustAudit(t, db, "imp", "measurement", domain.MeasurementKey(ms[7])); len(got) != 1 || got[0].Action != "update" {
			t.Errorf("audit of the changed figure = %+v, want one update", got)
		}
	})
}

func TestImportMeasurementsRefuses(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, _ *fixedClock) {
		mustSave(t, db, sampleBundle("imp"), "seed")
		cases := []struct {
			name, slug, actor, code string
		}{
			{"unknown partnership", "nope", "importer", domain.ENOTFOUND},
			{"no actor", "imp", " ", domain.EINVALID},
		}
		for _, c := range cases {
			_, err := db.ImportMeasurements(t.Context(), c.slug, figures(manyFigures(1)...), c.actor)
			if got := domain.ErrorCode(err); got != c.code {
				t.Errorf("%s: code %q (%v), want %q", c.name, got, err, c.code)
			}
		}
	})
}

func TestIndicators(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, _ *fixedClock) {
		in := sampleBundle("imp")
		mustSave(t, db, in, "seed")
		got, err := db.Indicators(t.Context(), "imp")
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			got[i].ID = 0
		}
		if !reflect.DeepEqual(got, in.Indicators) {
			t.Errorf("Indicators =\n%s\nwant\n%s", asJSON(got), asJSON(in.Indicators))
		}
	})
}

// TestImportMeasurementsKeep checks fields a file has no column for keep
// their stored values, and that the figure is validated as merged.
func TestImportMeasurementsKeep(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, _ *fixedClock) {
		mustSave(t, db, sampleBundle("imp"), "seed")
		keepAll := store.ImportOptions{Keep: []string{"numerator", "denominator", "note", "source", "status"}}
		same := domain.Measurement{Indicator: "graduation-rate", Year: 2011, Value: 62.5}
		res, err := db.ImportMeasurements(t.Context(), "imp", figures(same), "importer", keepAll)
		if want := (store.SaveResult{Unchanged: 1}); err != nil || res != want {
			t.Errorf("import keeping every field = %+v, %v; want %+v", res, err, want)
		}
		clash := domain.Measurement{Indicator: "graduation-rate", Year: 2011, Value: 70} // stored 250/400 is 62.5%
		_, err = db.ImportMeasurements(t.Context(), "imp", figures(clash), "importer", keepAll)
		if want := "value 70 does not match numerator/denominator (62.5)"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("import of a value clashing with the kept fraction: %v, want %q", err, want)
		}
		_, err = db.ImportMeasurements(t.Context(), "imp", figures(same), "importer", store.ImportOptions{Keep: []string{"value"}})
		if got := domain.ErrorCode(err); got != domain.EINVALID {
			t.Errorf("keeping the value: code %q (%v), want %q", got, err, domain.EINVALID)
		}
	})
}
