package domain

import (
	"errors"
	"strings"
	"testing"
)

func TestBundleValidatePredicts(t *testing.T) {
	core := validIndicator()
	contributing := func(slug, predicts string) Indicator {
		ind := validIndicator()
		ind.Slug, ind.Kind, ind.Predicts = slug, KindContributing, predicts
		return ind
	}
	tests := []struct {
		name       string
		indicators []Indicator
		want       string // substring of the predicts messages; "" = none
	}{
		{"predicts a core indicator", []Indicator{core, contributing("attendance", core.Slug)}, ""},
		{"predicts a contributing indicator", []Indicator{core, contributing("a", core.Slug), contributing("b", "a")}, `"a" is not a core indicator`},
		{"predicts an unknown indicator", []Indicator{core, contributing("a", "nope")}, `unknown indicator "nope"`},
		// An empty predicts is reported by Indicator.Validate alone; it must
		// not be looked up, even when an indicator with an empty slug exists.
		{"empty predicts", []Indicator{core, contributing("", "")}, "names the core indicator it predicts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Bundle{Partnership: Partnership{Slug: "p", Name: "P"}, Goals: []Goal{{Slug: core.Goal, Title: "G"}}, Indicators: tt.indicators}
			got := predictsMessages(t, b.Validate())
			if tt.want == "" && got != "" {
				t.Errorf("predicts errors = %q, want none", got)
			}
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("predicts errors = %q, want one containing %q", got, tt.want)
			}
			if strings.Contains(got, `"" is not a core`) {
				t.Errorf("predicts errors = %q, an empty predicts was looked up", got)
			}
		})
	}
}

func predictsMessages(t *testing.T, err error) string {
	t.Helper()
	var e *Error
	if err != nil && !errors.As(err, &e) {
		t.Fatalf("Validate() = %v, want a *domain.Error", err)
	}
	var b strings.Builder
	if e != nil {
		for _, f := range e.Fields {
			if f.Field == "predicts" {
				b.WriteString(f.Message + "\n")
			}
		}
	}
	return b.String()
}
