package transfer_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/impactboard/impactboard"
	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/seed"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
	"github.com/impactboard/impactboard/pkg/tidy"
	"github.com/impactboard/impactboard/pkg/transfer"
)

const anchorage = "anchorage-90-by-2020"

// The sample stores hs-graduation-4yr (a percentage) as 72 in 2011 and 73
// in 2012, with a note and a source; these files have no column for either,
// so the import keeps them.
const (
	header = "indicator,year,dimension,group,value\n"
	// good leaves 2011 as it is, changes 2012 and adds 2024.
	good = header +
		"hs-graduation-4yr,2011,,,72\n" +
		"hs-graduation-4yr,2012,,,74\n" +
		"hs-graduation-4yr,2024,,,91\n"
	// lastBad is good with a percentage over 100 on its last row.
	lastBad = good + "hs-graduation-4yr,2025,,,120\n"
)

// newStore is a SQLite store holding the sample data.
func newStore(t *testing.T) *store.DB {
	t.Helper()
	db := storetest.SQLite(t)
	bundles, err := seed.Load(impactboard.SeedFS())
	if err != nil {
		t.Fatalf("load seed: %v", err)
	}
	for _, b := range bundles {
		if _, err := db.SaveBundle(t.Context(), b, "seed"); err != nil {
			t.Fatalf("save %s: %v", b.Partnership.Slug, err)
		}
	}
	return db
}

// csvSource reads text as the import file; passes records the passes read.
func csvSource(text string, passes *[]string) transfer.Source {
	return func(pass string, _ int, each func(tidy.Row) error) ([]tidy.Problem, error) {
		if passes != nil {
			*passes = append(*passes, pass)
		}
		return tidy.ParseCSV(strings.NewReader(text), tidy.Options{}, each)
	}
}

// snapshot is what an import could write: the figures and the audit log.
type snapshot struct {
	figures []domain.Measurement
	audit   int
}

func take(t *testing.T, db *store.DB) snapshot {
	t.Helper()
	b, err := db.Bundle(t.Context(), anchorage)
	if err != nil {
		t.Fatalf("Bundle: %v", err)
	}
	es, err := db.Audit(t.Context(), anchorage, "", "")
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	return snapshot{figures: b.Measurements, audit: len(es)}
}

func wantNothingWritten(t *testing.T, db *store.DB, before snapshot) {
	t.Helper()
	after := take(t, db)
	if !reflect.DeepEqual(after.figures, before.figures) {
		t.Error("the figures changed, want nothing written")
	}
	if after.audit != before.audit {
		t.Errorf("%d audit rows written, want none", after.audit-before.audit)
	}
}

func figure(t *testing.T, db *store.DB, indicator string, year int) (domain.Measurement, bool) {
	t.Helper()
	for _, m := range take(t, db).figures {
		if m.Indicator == indicator && m.Year == year && m.Dimension == "" {
			return m, true
		}
	}
	return domain.Measurement{}, false
}

// where is a problem's place, and part of its message.
type where struct {
	row    int
	column string
	has    string
}

func wantProblems(t *testing.T, got []tidy.Problem, want []where) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("problems = %q, want %d", got, len(want))
	}
	for i, w := range want {
		if p := got[i]; p.Row != w.row || p.Column != w.column || !strings.Contains(p.Message, w.has) {
			t.Errorf("problem %d = %q, want row %d, column %q, mentioning %q", i, p, w.row, w.column, w.has)
		}
	}
}

func TestDryRun(t *testing.T) {
	db := newStore(t)
	before := take(t, db)
	for _, tc := range []struct {
		name                       string
		file                       string
		list                       int
		added, changed, unchanged  int
		listedAdded, listedChanged int
		problems                   []where
	}{
		{name: "added, changed, unchanged", file: good, list: -1, added: 1, changed: 1, unchanged: 1, listedAdded: 1, listedChanged: 1},
		{name: "list caps the listed, not the counts", file: good + "hs-graduation-4yr,2023,,,89\n", list: 1,
			added: 2, changed: 1, unchanged: 1, listedAdded: 1, listedChanged: 1},
		{name: "list zero lists none", file: good, list: 0, added: 1, changed: 1, unchanged: 1},
		{name: "problems of reading and of checking, in row order", list: -1,
			file: header +
				"hs-graduation-4yr,2024,,,91\n" + // row 2: fine
				"hs_graduation_4yr,2024,,,91\n" + // row 3: unknown indicator
				"hs-graduation-4yr,20x4,,,91\n" + // row 4: no year (found reading)
				"hs-graduation-4yr,2025,,,120\n" + // row 5: over 100% (found checking)
				"hs-graduation-4yr,2024,,,92\n", // row 6: row 2 again
			added: 1, listedAdded: 1,
			problems: []where{
				{3, tidy.ColIndicator, `did you mean "hs-graduation-4yr"?`},
				{4, tidy.ColYear, "20x4"},
				{5, tidy.ColValue, "100"},
				{6, "", "duplicate of row 2"},
			}},
		{name: "a bad header", file: "indicator,year\nhs-graduation-4yr,2024\n", list: -1,
			problems: []where{{1, tidy.ColValue, `"value" is missing`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := transfer.DryRun(t.Context(), db, anchorage, csvSource(tc.file, nil), tc.list)
			if err != nil {
				t.Fatalf("DryRun: %v", err)
			}
			if plan.NumAdded != tc.added || plan.NumChanged != tc.changed || plan.Unchanged != tc.unchanged {
				t.Errorf("plan: %d added, %d changed, %d unchanged; want %d, %d, %d",
					plan.NumAdded, plan.NumChanged, plan.Unchanged, tc.added, tc.changed, tc.unchanged)
			}
			if len(plan.Added) != tc.listedAdded || len(plan.Changed) != tc.listedChanged {
				t.Errorf("plan lists %d added and %d changed, want %d and %d", len(plan.Added), len(plan.Changed), tc.listedAdded, tc.listedChanged)
			}
			wantProblems(t, plan.Problems, tc.problems)
			wantNothingWritten(t, db, before)
		})
	}

	plan, err := transfer.DryRun(t.Context(), db, anchorage, csvSource(good, nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	if c := plan.Changed[0]; c.Row != 3 || c.Old == nil || c.Old.Value != 73 || c.New.Value != 74 || c.New.Note != c.Old.Note {
		t.Errorf("changed = %+v, want row 3 from 73 to 74 keeping the stored note", c)
	}
	if a := plan.Added[0]; a.Row != 4 || a.Old != nil || a.New.Year != 2024 || a.New.Status != domain.StatusApproved {
		t.Errorf("added = %+v, want row 4, 2024, approved", a)
	}
	_, err = transfer.DryRun(t.Context(), db, "nope", csvSource(good, nil), -1)
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("DryRun into an unknown partnership: %v, want not found", err)
	}
}

func TestApply(t *testing.T) {
	for _, tc := range []struct {
		name     string
		file     string
		want     store.SaveResult
		passes   []string
		problems []where
	}{
		{name: "writes every figure", file: good, want: store.SaveResult{Added: 1, Changed: 1, Unchanged: 1},
			passes: []string{"checking", "importing"}},
		{name: "one bad row writes nothing", file: lastBad, passes: []string{"checking"},
			problems: []where{{5, tidy.ColValue, "100"}}},
		{name: "an unknown indicator writes nothing", file: good + "no-such-indicator,2024,,,1\n", passes: []string{"checking"},
			problems: []where{{5, tidy.ColIndicator, "unknown indicator"}}},
		{name: "a row the reader refuses writes nothing", file: good + "hs-graduation-4yr,later,,,1\n", passes: []string{"checking"},
			problems: []where{{5, tidy.ColYear, "later"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := newStore(t)
			before := take(t, db)
			var passes []string
			res, problems, err := transfer.Apply(t.Context(), db, anchorage, "importer", csvSource(tc.file, &passes))
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			wantProblems(t, problems, tc.problems)
			if res != tc.want {
				t.Errorf("Apply = %+v, want %+v", res, tc.want)
			}
			if !reflect.DeepEqual(passes, tc.passes) {
				t.Errorf("passes = %q, want %q", passes, tc.passes)
			}
			if len(tc.problems) > 0 {
				wantNothingWritten(t, db, before)
				return
			}
			if m, _ := figure(t, db, "hs-graduation-4yr", 2012); m.Value != 74 || m.Note == "" || m.EnteredBy != "importer" {
				t.Errorf("2012 = %+v, want 74 entered by the importer, keeping its note", m)
			}
			if m, ok := figure(t, db, "hs-graduation-4yr", 2024); !ok || m.Value != 91 {
				t.Errorf("2024 = %+v, %v; want 91", m, ok)
			}
		})
	}
}

// TestApplyAgain: applying the same file twice changes nothing the second
// time, and a dry run then finds nothing to do.
func TestApplyAgain(t *testing.T) {
	db := newStore(t)
	if _, problems, err := transfer.Apply(t.Context(), db, anchorage, "importer", csvSource(good, nil)); err != nil || len(problems) > 0 {
		t.Fatalf("first Apply: %v, %q", err, problems)
	}
	before := take(t, db)
	res, problems, err := transfer.Apply(t.Context(), db, anchorage, "importer", csvSource(good, nil))
	if err != nil || len(problems) > 0 {
		t.Fatalf("second Apply: %v, %q", err, problems)
	}
	if want := (store.SaveResult{Unchanged: 3}); res != want {
		t.Errorf("second Apply = %+v, want %+v", res, want)
	}
	wantNothingWritten(t, db, before)
	plan, err := transfer.DryRun(t.Context(), db, anchorage, csvSource(good, nil), -1)
	if err != nil || plan.NumAdded != 0 || plan.NumChanged != 0 || plan.Unchanged != 3 {
		t.Errorf("dry run after applying = %+v, %v; want 3 unchanged", plan, err)
	}
}

// TestApplyAfterChanges: Apply does not take the dry run's word. It checks
// the file again against the indicators as they are, and it counts and
// writes against the figures as they are.
func TestApplyAfterChanges(t *testing.T) {
	t.Run("indicator deleted since the dry run", func(t *testing.T) {
		db := newStore(t)
		file := header + "hs-graduation-5yr,2024,,,80\n"
		plan, err := transfer.DryRun(t.Context(), db, anchorage, csvSource(file, nil), -1)
		if err != nil || len(plan.Problems) > 0 || plan.NumAdded != 1 {
			t.Fatalf("dry run = %+v, %v; want 1 added", plan, err)
		}
		if err := db.DeleteIndicator(t.Context(), anchorage, "hs-graduation-5yr", "editor", true); err != nil {
			t.Fatal(err)
		}
		before := take(t, db)
		_, problems, err := transfer.Apply(t.Context(), db, anchorage, "importer", csvSource(file, nil))
		if err != nil {
			t.Fatalf("Apply: %v", err)
		}
		wantProblems(t, problems, []where{{2, tidy.ColIndicator, "unknown indicator"}})
		wantNothingWritten(t, db, before)
	})

	t.Run("figure changed since the dry run", func(t *testing.T) {
		db := newStore(t)
		plan, err := transfer.DryRun(t.Context(), db, anchorage, csvSource(good, nil), -1)
		if err != nil || plan.NumChanged != 1 {
			t.Fatalf("dry run = %+v, %v; want 1 changed", plan, err)
		}
		// Someone else enters 74 for 2012 first: the file's change is no
		// longer one, and Apply says so rather than repeating the dry run.
		other := func(yield func(domain.Measurement) error) error {
			return yield(domain.Measurement{Indicator: "hs-graduation-4yr", Year: 2012, Value: 74})
		}
		if _, err := db.ImportMeasurements(t.Context(), anchorage, other, "someone-else", store.ImportOptions{Keep: []string{"note", "source"}}); err != nil {
			t.Fatal(err)
		}
		res, problems, err := transfer.Apply(t.Context(), db, anchorage, "importer", csvSource(good, nil))
		if err != nil || len(problems) > 0 {
			t.Fatalf("Apply: %v, %q", err, problems)
		}
		if want := (store.SaveResult{Added: 1, Unchanged: 2}); res != want {
			t.Errorf("Apply = %+v, want %+v", res, want)
		}
		if m, _ := figure(t, db, "hs-graduation-4yr", 2012); m.EnteredBy != "someone-else" {
			t.Errorf("2012 entered by %q, want someone-else's figure left alone", m.EnteredBy)
		}
	})

	// The importing pass reads good rows, then one the check never saw:
	// whether the reader or the store refuses it, nothing is written.
	for _, tc := range []struct {
		name, extra, code, has string
	}{
		{"file changed: a row the reader refuses", "hs-graduation-4yr,later,,,1\n", domain.ECONFLICT, "the file changed while it was imported"},
		{"file changed: a figure the store refuses", "hs-graduation-4yr,2025,,,120\n", domain.EINVALID, "outside 0..100"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := newStore(t)
			before := take(t, db)
			src := func(pass string, total int, each func(tidy.Row) error) ([]tidy.Problem, error) {
				file := good
				if pass == "importing" {
					file += tc.extra
				}
				return tidy.ParseCSV(strings.NewReader(file), tidy.Options{}, each)
			}
			_, problems, err := transfer.Apply(t.Context(), db, anchorage, "importer", src)
			if len(problems) > 0 {
				t.Fatalf("problems = %q, want none from the check", problems)
			}
			if domain.ErrorCode(err) != tc.code || !strings.Contains(err.Error(), tc.has) {
				t.Fatalf("Apply: %v, want %s mentioning %q", err, tc.code, tc.has)
			}
			wantNothingWritten(t, db, before)
		})
	}

	t.Run("reading fails while importing", func(t *testing.T) {
		db := newStore(t)
		before := take(t, db)
		broken := errors.New("connection reset")
		src := func(pass string, total int, each func(tidy.Row) error) ([]tidy.Problem, error) {
			problems, err := tidy.ParseCSV(strings.NewReader(good), tidy.Options{}, each)
			if pass == "importing" && err == nil {
				err = broken
			}
			return problems, err
		}
		if _, _, err := transfer.Apply(t.Context(), db, anchorage, "importer", src); !errors.Is(err, broken) {
			t.Fatalf("Apply: %v, want the read error", err)
		}
		wantNothingWritten(t, db, before)
	})
}

var _ transfer.Store = (*store.DB)(nil)

// TestApplyPreviewed: a confirmed preview applies only while the stored
// figures it touched are those it showed; an edit in between, even to a
// figure the preview called unchanged, refuses it with nothing written.
func TestApplyPreviewed(t *testing.T) {
	edits := []struct {
		name string
		m    domain.Measurement
	}{
		{"a figure the preview changed", domain.Measurement{Indicator: "hs-graduation-4yr", Year: 2012, Value: 75}},
		{"a figure the preview left unchanged", domain.Measurement{Indicator: "hs-graduation-4yr", Year: 2011, Value: 71}},
		{"a figure the preview added", domain.Measurement{Indicator: "hs-graduation-4yr", Year: 2024, Value: 88}},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			db := newStore(t)
			plan, err := transfer.DryRun(t.Context(), db, anchorage, csvSource(good, nil), -1)
			if err != nil || plan.Fingerprint == "" {
				t.Fatalf("dry run = %+v, %v", plan, err)
			}
			other := func(yield func(domain.Measurement) error) error { return yield(e.m) }
			if _, err := db.ImportMeasurements(t.Context(), anchorage, other, "someone-else", store.ImportOptions{Keep: []string{"note", "source"}}); err != nil {
				t.Fatal(err)
			}
			before := take(t, db)
			_, problems, err := transfer.ApplyPreviewed(t.Context(), db, anchorage, "importer", csvSource(good, nil), plan.Fingerprint)
			if !errors.Is(err, transfer.ErrStale) || len(problems) > 0 || domain.ErrorMessage(err) != "the data changed since the preview; review again" {
				t.Fatalf("ApplyPreviewed: %v, %q; want ErrStale", err, problems)
			}
			wantNothingWritten(t, db, before)
		})
	}
	t.Run("nothing changed", func(t *testing.T) {
		db := newStore(t)
		plan, err := transfer.DryRun(t.Context(), db, anchorage, csvSource(good, nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		res, problems, err := transfer.ApplyPreviewed(t.Context(), db, anchorage, "importer", csvSource(good, nil), plan.Fingerprint)
		if want := (store.SaveResult{Added: 1, Changed: 1, Unchanged: 1}); err != nil || len(problems) > 0 || res != want {
			t.Fatalf("ApplyPreviewed = %+v, %v, %q; want %+v", res, err, problems, want)
		}
	})
}

func TestCheckFingerprint(t *testing.T) {
	db := newStore(t)
	plan, err := transfer.DryRun(t.Context(), db, anchorage, csvSource(good, nil), 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := transfer.CheckFingerprint(plan.Fingerprint); err != nil {
		t.Errorf("CheckFingerprint(a dry run's) = %v, want nil", err)
	}
	for _, s := range []string{"", plan.Fingerprint[:63], plan.Fingerprint + "0", strings.ToUpper(plan.Fingerprint), strings.Repeat("g", 64)} {
		if err := transfer.CheckFingerprint(s); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("CheckFingerprint(%q) = %v, want invalid", s, err)
		}
	}
}
