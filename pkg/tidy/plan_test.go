package tidy_test

import (
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/tidy"
)

func TestPlanImport(t *testing.T) {
	data := csvOf("indicator,year,dimension,group,value,numerator,denominator,note",
		"graduation-rate,2019,,,84,,,old note",              // as stored
		"graduation-rate,2019,Income,Low income,71,71,100,", // value and fraction change
		"graduation-rate,2020,,,86,,,",                      // new
		"enrollment,2020,,,1200,,,",                         // new
	)
	got := parseFile(t, "a.csv", data, tidy.Options{})
	if len(got.problems) > 0 || got.err != nil {
		t.Fatalf("problems %q, error %v", got.problems, got.err)
	}
	p := got.plan
	if len(p.Added) != 2 || len(p.Changed) != 1 || p.Unchanged != 1 || p.NumAdded != 2 || p.NumChanged != 1 {
		t.Fatalf("plan: %d added, %d changed, %d unchanged; want 2, 1, 1", len(p.Added), len(p.Changed), p.Unchanged)
	}
	changes := []struct {
		c          tidy.Change
		row        int
		want       string
		wantStatus domain.MeasurementStatus
	}{
		{p.Changed[0], 3, "graduation-rate 2019 (Income: Low income): 70 -> 71; numerator/denominator 70/100 -> 71/100", domain.StatusSubmitted},
		{p.Added[0], 4, "graduation-rate 2020 (all): new 86", tidy.DefaultStatus},
		{p.Added[1], 5, "enrollment 2020 (all): new 1200", tidy.DefaultStatus},
	}
	for _, c := range changes {
		if got := c.c.String(); got != c.want {
			t.Errorf("change = %q, want %q", got, c.want)
		}
		if c.c.Row != c.row || c.c.New.Status != c.wantStatus {
			t.Errorf("%s: row %d, status %q; want row %d, status %q", c.want, c.c.Row, c.c.New.Status, c.row, c.wantStatus)
		}
	}
}

// TestPlanImportStatusChange checks an explicit status counts as a change
// and an empty one keeps what is stored.
func TestPlanImportStatusChange(t *testing.T) {
	data := csvOf("indicator,year,value,note,status", "graduation-rate,2019,84,old note,draft")
	p := parseFile(t, "a.csv", data, tidy.Options{}).plan
	if len(p.Changed) != 1 {
		t.Fatalf("changed = %d, want 1", len(p.Changed))
	}
	if got, want := p.Changed[0].String(), `graduation-rate 2019 (all): 84 (value unchanged); status "approved" -> "draft"`; got != want {
		t.Errorf("change = %q, want %q", got, want)
	}
}

// TestPlanImportDuplicates checks rows given to PlanImport directly are
// checked for duplicates too.
func TestPlanImportDuplicates(t *testing.T) {
	m := domain.Measurement{Indicator: "enrollment", Year: 2020, Value: 1}
	p := tidy.PlanImport(testBundle(), []tidy.Row{{Line: 2, M: m}, {Line: 9, M: m}})
	if len(p.Problems) != 1 || p.Problems[0].Row != 9 || len(p.Added) != 1 {
		t.Errorf("plan = %+v, want one added and a duplicate problem at row 9", p)
	}
}

// TestPlanImportKeepsAbsentColumns checks a file without a column keeps the
// stored values of that field, and that the figure as it would be stored is
// what gets checked.
func TestPlanImportKeepsAbsentColumns(t *testing.T) {
	p := parseFile(t, "a.csv", csvOf("indicator,year,value", "graduation-rate,2019,85"), tidy.Options{}).plan
	if len(p.Changed) != 1 {
		t.Fatalf("plan = %+v, want one change", p)
	}
	if got, want := p.Changed[0].String(), "graduation-rate 2019 (all): 84 -> 85"; got != want {
		t.Errorf("change = %q, want %q (the note kept)", got, want)
	}
	got := parseFile(t, "a.csv", csvOf("indicator,year,dimension,group,value", "graduation-rate,2019,Income,Low income,75"), tidy.Options{})
	checkProblem(t, got, 2, "value", "value 75 does not match numerator/denominator (70.0)")
}

func TestSortProblems(t *testing.T) {
	got := tidy.SortProblems(
		[]tidy.Problem{{Row: 5, Message: "a"}, {Row: 9, Message: "b"}, {Message: "and 3 more problems"}},
		[]tidy.Problem{{Row: 4, Message: "c"}, {Row: 5, Message: "d"}, {Message: "file"}, {Message: "and 2 more problems"}},
	)
	var msgs []string
	for _, p := range got {
		msgs = append(msgs, p.Message)
	}
	if got, want := strings.Join(msgs, "|"), "file|c|a|d|b|and 5 more problems"; got != want {
		t.Errorf("SortProblems = %s, want %s", got, want)
	}
}

// TestPlannerLists checks a Planner lists at most its limit of changes but
// counts them all.
func TestPlannerLists(t *testing.T) {
	pl := tidy.NewPlanner(testBundle(), 1)
	for i, year := range []int{2019, 2020, 2021, 2022, 99999} {
		pl.Add(tidy.Row{Line: i + 2, M: domain.Measurement{Indicator: "graduation-rate", Year: year, Value: 90}})
	}
	p := pl.Plan()
	if len(p.Added) != 1 || p.NumAdded != 3 || len(p.Changed) != 1 || p.NumChanged != 1 || len(p.Problems) != 1 {
		t.Errorf("plan: %d/%d added, %d/%d changed, problems %q; want 1/3, 1/1 and the year 99999",
			len(p.Added), p.NumAdded, len(p.Changed), p.NumChanged, p.Problems)
	}
}

// TestPlanFingerprint: the fingerprint changes exactly when a stored figure
// the file touches changes (even one the plan leaves unchanged), or one it
// would add appears; figures the file does not name do not matter.
func TestPlanFingerprint(t *testing.T) {
	rows := parseFile(t, "a.csv", csvOf("indicator,year,value", "graduation-rate,2019,84", "graduation-rate,2020,86"), tidy.Options{}).rows
	fingerprint := func(edit func(b *domain.Bundle)) string {
		b := testBundle()
		edit(b)
		return tidy.PlanImport(b, rows).Fingerprint
	}
	base := fingerprint(func(*domain.Bundle) {})
	if len(base) != 64 || base != fingerprint(func(*domain.Bundle) {}) {
		t.Fatalf("fingerprint %q is not a stable SHA-256", base)
	}
	edits := []struct {
		name    string
		edit    func(b *domain.Bundle)
		changes bool
	}{
		{"value of an unchanged figure", func(b *domain.Bundle) { b.Measurements[0].Value = 83 }, true},
		{"note of an unchanged figure", func(b *domain.Bundle) { b.Measurements[0].Note = "edited" }, true},
		{"status of an unchanged figure", func(b *domain.Bundle) { b.Measurements[0].Status = domain.StatusReturned }, true},
		{"a figure the file would add", func(b *domain.Bundle) {
			b.Measurements = append(b.Measurements, domain.Measurement{Indicator: "graduation-rate", Year: 2020, Value: 80, Status: domain.StatusApproved})
		}, true},
		{"a figure the file does not name", func(b *domain.Bundle) { b.Measurements[1].Value = 69 }, false},
		{"who entered a figure", func(b *domain.Bundle) { b.Measurements[0].EnteredBy = "someone" }, false},
	}
	for _, e := range edits {
		if got := fingerprint(e.edit) != base; got != e.changes {
			t.Errorf("%s: fingerprint changed = %v, want %v", e.name, got, e.changes)
		}
	}
}
