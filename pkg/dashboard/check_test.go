package dashboard

import (
	"reflect"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

// testBundle is a small partnership with subgroup data for one indicator.
func testBundle() *domain.Bundle {
	m := func(ind, dim, group string) domain.Measurement {
		return domain.Measurement{Indicator: ind, Year: 2019, Dimension: dim, Group: group, Value: 80, Status: domain.StatusApproved}
	}
	return &domain.Bundle{
		Partnership: domain.Partnership{Slug: "anchorage-90-by-2020", Name: "90% by 2020"},
		Goals:       []domain.Goal{{Slug: "graduation", Title: "Graduate"}},
		Indicators: []domain.Indicator{
			{Slug: "hs-graduation-4yr", Goal: "graduation", Name: "Four-year graduation"},
			{Slug: "dropout-rate", Goal: "graduation", Name: "Dropout rate"},
		},
		Measurements: []domain.Measurement{
			m("hs-graduation-4yr", "", ""),
			m("hs-graduation-4yr", "Race/ethnicity", "White"),
			m("hs-graduation-4yr", "Race/ethnicity", "Asian"),
			m("hs-graduation-4yr", "Race/ethnicity", "White"),
			m("dropout-rate", "Native status", "Alaska Native/American Indian"),
		},
		Comparisons: []domain.Comparison{
			{Indicator: "hs-graduation-4yr", Geography: "Alaska", Dimension: "Income", Group: "Economically disadvantaged", Year: 2019, Value: 70},
		},
	}
}

func mustParse(t testing.TB, file, data string) *Dashboard {
	t.Helper()
	d, err := Parse(file, []byte(data))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return d
}

func TestCheckAcceptsKnownNames(t *testing.T) {
	d := mustParse(t, "anchorage-90-by-2020/graduation.yaml", exampleFile)
	if err := Check([]*Dashboard{d}, BundleCatalog([]*domain.Bundle{testBundle()})); err != nil {
		t.Errorf("Check: %v", err)
	}
}

func TestCheckErrors(t *testing.T) {
	const head = "title: T\naudience: public\npanels:\n  - type: headline\n"
	tests := []struct {
		name, file, panel, fileLine, want string
	}{
		{"unknown partnership folder", "anchorage/d.yaml", "", "anchorage/d.yaml:1",
			`unknown partnership "anchorage" (the folder name must be the partnership's slug)`},
		{"unknown indicator", "anchorage-90-by-2020/d.yaml", "  - type: table\n    title: Rates\n    indicator: hs-graduation\n", "anchorage-90-by-2020/d.yaml:7",
			`panel 2: unknown indicator "hs-graduation" in partnership "anchorage-90-by-2020"`},
		{"unknown goal", "anchorage-90-by-2020/d.yaml", "  - type: scorecard\n    goal: graduate\n", "anchorage-90-by-2020/d.yaml:6",
			`panel 2: unknown goal "graduate" in partnership "anchorage-90-by-2020"`},
		{"dimension without data", "anchorage-90-by-2020/d.yaml", "  - type: subgroup\n    indicator: hs-graduation-4yr\n    dimension: District\n", "anchorage-90-by-2020/d.yaml:7",
			`panel 2: no data for dimension "District" of indicator "hs-graduation-4yr" in partnership "anchorage-90-by-2020"`},
		{"dimension only in comparison figures", "anchorage-90-by-2020/d.yaml", "  - type: subgroup\n    indicator: hs-graduation-4yr\n    dimension: Income\n", "anchorage-90-by-2020/d.yaml:7",
			`no data for dimension "Income"`},
		{"dimension of another indicator", "anchorage-90-by-2020/d.yaml", "  - type: subgroup\n    indicator: hs-graduation-4yr\n    dimension: Native status\n", "anchorage-90-by-2020/d.yaml:7",
			`no data for dimension "Native status"`},
		{"reference not a group", "anchorage-90-by-2020/d.yaml", "  - type: equity_gap\n    indicator: hs-graduation-4yr\n    dimension: Race/ethnicity\n    reference: white\n", "anchorage-90-by-2020/d.yaml:8",
			`panel 2: reference "white" is not a group of "Race/ethnicity" for indicator "hs-graduation-4yr" (groups: Asian, White)`},
	}
	cat := BundleCatalog([]*domain.Bundle{testBundle()})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.file, head+tt.panel)
			wantProblem(t, problemTexts(t, Check([]*Dashboard{d}, cat)), tt.fileLine, tt.want)
		})
	}
}

func TestCheckCollectsEveryError(t *testing.T) {
	a := mustParse(t, "anchorage-90-by-2020/a.yaml", "title: A\naudience: board\npanels:\n  - type: progress\n    indicator: nope\n  - type: scorecard\n    goal: nope\n")
	b := mustParse(t, "nowhere/b.yaml", "title: B\naudience: board\npanels:\n  - type: progress\n    indicator: nope\n")
	got := problemTexts(t, Check([]*Dashboard{a, b}, BundleCatalog([]*domain.Bundle{testBundle()})))
	want := []string{
		`anchorage-90-by-2020/a.yaml:5: panel 1: unknown indicator "nope" in partnership "anchorage-90-by-2020"`,
		`anchorage-90-by-2020/a.yaml:7: panel 2: unknown goal "nope" in partnership "anchorage-90-by-2020"`,
		`nowhere/b.yaml:1: unknown partnership "nowhere" (the folder name must be the partnership's slug)`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q,\nwant %q", got, want)
	}
}

func TestCheckPanelBuiltInGo(t *testing.T) {
	d := &Dashboard{Partnership: "anchorage-90-by-2020", File: "x.yaml", Panels: []Panel{{Type: PanelTable, Indicator: "nope", Line: 12}}}
	wantProblem(t, problemTexts(t, Check([]*Dashboard{d}, BundleCatalog([]*domain.Bundle{testBundle()}))), "x.yaml:12", `unknown indicator "nope"`)
}

func TestBundleCatalog(t *testing.T) {
	cat := BundleCatalog([]*domain.Bundle{testBundle()})
	const p = "anchorage-90-by-2020"
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"known partnership", cat.Partnership(p), true},
		{"unknown partnership", cat.Partnership("other"), false},
		{"known indicator", cat.Indicator(p, "dropout-rate"), true},
		{"indicator of an unknown partnership", cat.Indicator("other", "dropout-rate"), false},
		{"known goal", cat.Goal(p, "graduation"), true},
		{"unknown goal", cat.Goal(p, "dropout-rate"), false},
		{"groups, sorted and unique", cat.Groups(p, "hs-graduation-4yr", "Race/ethnicity"), []string{"Asian", "White"}},
		{"dimension without data", cat.Groups(p, "hs-graduation-4yr", "Native status"), []string(nil)},
		{"groups of an unknown partnership", cat.Groups("other", "hs-graduation-4yr", "Race/ethnicity"), []string(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}

func TestForPartnership(t *testing.T) {
	ds := []*Dashboard{
		{Partnership: "a", Slug: "z", Title: "Graduation"},
		{Partnership: "b", Slug: "x", Title: "Attendance"},
		{Partnership: "a", Slug: "y", Title: "Board summary"},
		{Partnership: "a", Slug: "w", Title: "Graduation"},
	}
	var got []string
	for _, d := range ForPartnership(ds, "a") {
		got = append(got, d.Slug)
	}
	if want := []string{"y", "w", "z"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if d, ok := Find(ds, "b", "x"); !ok || d.Title != "Attendance" {
		t.Errorf("Find(b, x): got %v, %v; want Attendance", d, ok)
	}
	if _, ok := Find(ds, "a", "x"); ok {
		t.Errorf("Find(a, x): got found, want not found")
	}
}
