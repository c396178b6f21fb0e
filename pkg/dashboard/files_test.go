package dashboard_test

import (
	"slices"
	"testing"

	"github.com/impactboard/impactboard/pkg/dashboard"
)

func TestFilesShowing(t *testing.T) {
	ds := []*dashboard.Dashboard{
		{Partnership: "a", File: "a/z.yaml", Panels: []dashboard.Panel{{Type: dashboard.PanelProgress, Indicator: "grad"}}},
		{Partnership: "a", File: "a/b.yaml", Panels: []dashboard.Panel{{Type: dashboard.PanelHeadline}, {Type: dashboard.PanelTable, Indicator: "grad"}}},
		{Partnership: "a", File: "a/goal.yaml", Panels: []dashboard.Panel{{Type: dashboard.PanelScorecard, Goal: "grad"}}},
		{Partnership: "other", File: "other/x.yaml", Panels: []dashboard.Panel{{Type: dashboard.PanelProgress, Indicator: "grad"}}},
	}
	tests := []struct {
		partnership, indicator string
		want                   []string
	}{
		{"a", "grad", []string{"a/b.yaml", "a/z.yaml"}},
		{"a", "absence", nil},
		{"other", "grad", []string{"other/x.yaml"}},
		{"none", "grad", nil},
	}
	for _, tt := range tests {
		if got := dashboard.FilesShowing(ds, tt.partnership, tt.indicator); !slices.Equal(got, tt.want) {
			t.Errorf("FilesShowing(%q, %q) = %q, want %q", tt.partnership, tt.indicator, got, tt.want)
		}
	}
}

func TestFilesShowingGoal(t *testing.T) {
	ds := []*dashboard.Dashboard{
		{Partnership: "a", File: "a/z.yaml", Panels: []dashboard.Panel{{Type: dashboard.PanelScorecard, Goal: "grad"}}},
		{Partnership: "a", File: "a/b.yaml", Panels: []dashboard.Panel{{Type: dashboard.PanelHeadline}, {Type: dashboard.PanelScorecard, Goal: "grad"}}},
		{Partnership: "a", File: "a/ind.yaml", Panels: []dashboard.Panel{{Type: dashboard.PanelProgress, Indicator: "grad"}}},
		{Partnership: "other", File: "other/x.yaml", Panels: []dashboard.Panel{{Type: dashboard.PanelScorecard, Goal: "grad"}}},
	}
	tests := []struct {
		partnership, goal string
		want              []string
	}{
		{"a", "grad", []string{"a/b.yaml", "a/z.yaml"}},
		{"a", "math", nil},
		{"other", "grad", []string{"other/x.yaml"}},
		{"none", "grad", nil},
	}
	for _, tt := range tests {
		if got := dashboard.FilesShowingGoal(ds, tt.partnership, tt.goal); !slices.Equal(got, tt.want) {
			t.Errorf("FilesShowingGoal(%q, %q) = %q, want %q", tt.partnership, tt.goal, got, tt.want)
		}
	}
}
