package dashboard

import (
	"reflect"
	"strings"
	"testing"
)

const exampleFile = `title: Graduation at a glance
description: Where Anchorage stands on its 90% by 2020 goal.
audience: public          # public | partners | board
panels:
  - type: headline
  - type: progress
    indicator: hs-graduation-4yr
    title: Four-year graduation rate
  - type: subgroup
    indicator: hs-graduation-4yr
    dimension: Race/ethnicity
  - type: equity_gap
    indicator: hs-graduation-4yr
    dimension: Race/ethnicity
    reference: White
    note: Gaps are in percentage points.
  - type: scorecard
    goal: graduation
  - type: table
    indicator: hs-graduation-4yr
`

func TestParseExample(t *testing.T) {
	d, err := Parse("anchorage-90-by-2020/graduation.yaml", []byte(exampleFile))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	head := Dashboard{Partnership: d.Partnership, Slug: d.Slug, Title: d.Title, Description: d.Description, Audience: d.Audience, File: d.File}
	want := Dashboard{
		Partnership: "anchorage-90-by-2020", Slug: "graduation", Title: "Graduation at a glance",
		Description: "Where Anchorage stands on its 90% by 2020 goal.", Audience: AudiencePublic,
		File: "anchorage-90-by-2020/graduation.yaml",
	}
	if !reflect.DeepEqual(head, want) {
		t.Errorf("got %+v, want %+v", head, want)
	}
	wantPanels := []Panel{
		{Type: PanelHeadline, Line: 5},
		{Type: PanelProgress, Indicator: "hs-graduation-4yr", Title: "Four-year graduation rate", Line: 6},
		{Type: PanelSubgroup, Indicator: "hs-graduation-4yr", Dimension: "Race/ethnicity", Line: 9},
		{Type: PanelEquityGap, Indicator: "hs-graduation-4yr", Dimension: "Race/ethnicity", Reference: "White", Note: "Gaps are in percentage points.", Line: 12},
		{Type: PanelScorecard, Goal: "graduation", Line: 17},
		{Type: PanelTable, Indicator: "hs-graduation-4yr", Line: 19},
	}
	if len(d.Panels) != len(wantPanels) {
		t.Fatalf("got %d panels, want %d", len(d.Panels), len(wantPanels))
	}
	for i, p := range d.Panels {
		p.lines = nil
		if !reflect.DeepEqual(p, wantPanels[i]) {
			t.Errorf("panel %d: got %+v, want %+v", i+1, p, wantPanels[i])
		}
	}
	if got := d.Panels[3].lineOf("reference"); got != 15 {
		t.Errorf("got reference line %d, want 15", got)
	}
}

func TestParseAcceptsEveryAudience(t *testing.T) {
	for _, a := range Audiences {
		t.Run(string(a), func(t *testing.T) {
			d, err := Parse("p/d.yaml", []byte("title: T\naudience: "+string(a)+"\npanels:\n  - type: headline\n"))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if d.Audience != a {
				t.Errorf("got audience %q, want %q", d.Audience, a)
			}
		})
	}
}

// base is a valid file; the error cases below change one line of it.
const base = `title: Graduation
audience: public
panels:
  - type: progress
    indicator: hs-graduation-4yr
`

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data, line, want string
	}{
		{"YAML syntax error", "title: Graduation\naudience: public\n  panels: x\n", "3", "YAML syntax error: mapping values are not allowed"},
		{"tab indentation", "title: Graduation\n\taudience: public\n", "2", "indent with spaces, not tabs"},
		{"empty file", "# nothing yet\n", "1", "the file is empty"},
		{"second document", base + "---\ntitle: Other\n", "6", "a second YAML document"},
		{"not a mapping", "- type: headline\n", "1", "a dashboard file is a set of \"key: value\" lines"},
		{"unknown top-level key", base + "audiense: board\n", "6", `unknown key "audiense" (did you mean "audience"?)`},
		{"unknown top-level key far from any", base + "colour: red\n", "6", `unknown key "colour" (known keys: title, description, audience, panels)`},
		{"duplicate key", base + "title: Again\n", "6", "title is given twice (first on line 1)"},
		{"missing title", strings.Replace(base, "title: Graduation\n", "", 1), "1", "title is required"},
		{"blank title", strings.Replace(base, "title: Graduation", "title: ''", 1), "1", "title is required"},
		{"title of the wrong type", strings.Replace(base, "title: Graduation", "title: [a, b]", 1), "1", "title must be text, not a list"},
		{"missing audience", strings.Replace(base, "audience: public\n", "", 1), "1", "audience is required"},
		{"bad audience", strings.Replace(base, "audience: public", "audience: everyone", 1), "2", `audience "everyone" must be public, partners or board`},
		{"audience typo", strings.Replace(base, "audience: public", "audience: partner", 1), "2", `(did you mean "partners"?)`},
		{"missing panels", "title: T\naudience: public\n", "1", "panels is required"},
		{"empty panels list", "title: T\naudience: public\npanels: []\n", "3", "panels is empty"},
		{"panels with nothing under it", "title: T\naudience: public\npanels:\n", "3", "panels is empty"},
		{"panels not a list", "title: T\naudience: public\npanels:\n  type: headline\n", "4", "panels must be a list"},
		{"panel not a mapping", "title: T\naudience: public\npanels:\n  - headline\n", "4", "panel 1: a panel is a set of \"key: value\" lines"},
		{"unknown panel key", base + "    indicatr: x\n", "6", `panel 1: unknown key "indicatr" (did you mean "indicator"?)`},
		{"bad panel type", strings.Replace(base, "type: progress", "type: chart", 1), "4", `panel 1: unknown panel type "chart": use progress, subgroup, equity_gap, scorecard, table, headline`},
		{"panel type typo", strings.Replace(base, "type: progress", "type: equity-gap", 1), "4", `(did you mean "equity_gap"?)`},
		{"missing panel type", strings.Replace(base, "  - type: progress\n    indicator", "  - indicator", 1), "4", "panel 1: type is required"},
		{"missing indicator for progress", "title: T\naudience: public\npanels:\n  - type: headline\n  - type: progress\n    title: Graduation\n", "5", "panel 2: indicator is required for a progress panel"},
		{"blank indicator", strings.Replace(base, "indicator: hs-graduation-4yr", "indicator:", 1), "5", "panel 1: indicator is required for a progress panel"},
		{"goal on a progress panel", base + "    goal: graduation\n", "6", "panel 1: goal is not used by a progress panel (it takes indicator, title and note)"},
		{"indicator on a headline", "title: T\naudience: public\npanels:\n  - type: headline\n    indicator: x\n", "5", "panel 1: indicator is not used by a headline panel (it takes only title and note)"},
		{"missing dimension for subgroup", strings.Replace(base, "progress", "subgroup", 1), "4", "panel 1: dimension is required for a subgroup panel"},
		{"missing reference for equity gap", strings.Replace(base, "progress", "equity_gap", 1) + "    dimension: Race/ethnicity\n", "4", "panel 1: reference is required for an equity_gap panel"},
		{"missing goal for scorecard", "title: T\naudience: public\npanels:\n  - type: scorecard\n", "4", "panel 1: goal is required for a scorecard panel"},
		{"note of the wrong type", base + "    note:\n      a: b\n", "7", "panel 1: note must be text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("p/d.yaml", []byte(tt.data))
			if d != nil {
				t.Errorf("got dashboard %+v, want nil", d)
			}
			wantProblem(t, problemTexts(t, err), "p/d.yaml:"+tt.line, tt.want)
		})
	}
}

func TestParseReportsEveryProblemInLineOrder(t *testing.T) {
	data := "title: T\naudience: everyone\npanels:\n  - type: progress\n  - type: chart\n"
	got := problemTexts(t, func() error { _, err := Parse("p/d.yaml", []byte(data)); return err }())
	want := []string{
		`p/d.yaml:2: audience "everyone" must be public, partners or board`,
		"p/d.yaml:4: panel 1: indicator is required for a progress panel",
		`p/d.yaml:5: panel 2: unknown panel type "chart": use progress, subgroup, equity_gap, scorecard, table, headline`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := Parse("p/d.yaml", []byte(strings.Replace(base, "audience: public", "audience: x", 1)))
	want := `invalid dashboard: p/d.yaml:2: audience "x" must be public, partners or board`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestParseFollowsAliases(t *testing.T) {
	data := "title: &t Graduation\naudience: public\npanels:\n  - type: progress\n    indicator: hs-graduation-4yr\n    title: *t\n"
	d, err := Parse("p/d.yaml", []byte(data))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got := d.Panels[0].Title; got != "Graduation" {
		t.Errorf("got title %q, want Graduation", got)
	}
}
