package dashboard

import "testing"

// gapPanel is an equity_gap panel of the graduation rate by race/ethnicity.
func gapPanel(reference string) string {
	return "  - type: equity_gap\n    indicator: hs-graduation-4yr\n    dimension: Race/ethnicity\n    reference: " + reference + "\n"
}

func TestParseReportsRepeatedAndContradictingPanels(t *testing.T) {
	tests := []struct {
		name, data, line, want string
	}{
		{"same progress panel twice", base + "  - type: progress\n    indicator: hs-graduation-4yr\n    title: Again\n", "6",
			`panel 2: repeats panel 1 (same type, and the same indicator "hs-graduation-4yr"): remove one`},
		{"two headlines", "title: T\naudience: public\npanels:\n  - type: headline\n  - type: headline\n", "5",
			"panel 2: repeats panel 1 (same type, and the same content): remove one"},
		{"two equity gaps from different references", base + gapPanel("White") + gapPanel("Asian"), "13",
			`panel 3: a second equity gap of "hs-graduation-4yr" by "Race/ethnicity", from "Asian" where panel 2 measures it from "White": use one reference group per dimension`},
		{"same scorecard twice", "title: T\naudience: public\npanels:\n  - type: scorecard\n    goal: graduation\n  - type: scorecard\n    goal: graduation\n", "6",
			`panel 2: repeats panel 1 (same type, and the same goal "graduation"): remove one`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("p/d.yaml", []byte(tt.data))
			wantProblem(t, problemTexts(t, err), "p/d.yaml:"+tt.line, tt.want)
		})
	}
}

// TestParseAcceptsDistinctViewsOfOneIndicator: one indicator may have a
// progress, a table, subgroup panels of two dimensions and equity gaps of
// two dimensions on one dashboard: none repeats another.
func TestParseAcceptsDistinctViewsOfOneIndicator(t *testing.T) {
	data := base + "  - type: table\n    indicator: hs-graduation-4yr\n" +
		"  - type: subgroup\n    indicator: hs-graduation-4yr\n    dimension: Race/ethnicity\n" +
		"  - type: subgroup\n    indicator: hs-graduation-4yr\n    dimension: Native status\n" +
		gapPanel("White") +
		"  - type: equity_gap\n    indicator: hs-graduation-4yr\n    dimension: Native status\n    reference: Non-Native (all other students)\n"
	if _, err := Parse("p/d.yaml", []byte(data)); err != nil {
		t.Fatalf("Parse: %v", err)
	}
}
