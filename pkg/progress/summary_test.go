package progress

import (
	"fmt"
	"testing"
)

func percent(v float64) string { return fmt.Sprintf("%g%%", v) }

func TestSummary(t *testing.T) {
	grad := "4-year graduation rate"
	tests := []struct {
		name string
		in   Input
		want string
	}{
		{"acceleration needed", Input{Direction: higher, Target: target90, Series: anchorage},
			"4-year graduation rate rose from 59% (2005) to 84% (2019); acceleration needed to reach 90% by 2020."},
		{"on track", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2013, 76)},
			"4-year graduation rate rose from 59% (2005) to 76% (2013); on track to reach 90% by 2020."},
		{"limited progress", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2013, 62)},
			"4-year graduation rate rose from 59% (2005) to 62% (2013); limited progress toward 90% by 2020."},
		{"deterioration", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2013, 55)},
			"4-year graduation rate fell from 59% (2005) to 55% (2013); deterioration, moving away from 90% by 2020."},
		{"target met", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2021, 91)},
			"4-year graduation rate rose from 59% (2005) to 91% (2021); target met (90% by 2020)."},
		{"target missed", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2021, 85)},
			"4-year graduation rate rose from 59% (2005) to 85% (2021); target missed (90% by 2020)."},
		{"unchanged", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2013, 59)},
			"4-year graduation rate was unchanged at 59% from 2005 to 2013; limited progress toward 90% by 2020."},
		{"no target improving", Input{Direction: lower, Series: pts(2010, 5, 2015, 4)},
			"4-year graduation rate fell from 5% (2010) to 4% (2015); improving."},
		{"no target no change", Input{Direction: higher, Series: pts(2010, 40, 2015, 40)},
			"4-year graduation rate was unchanged at 40% from 2010 to 2015; no change."},
		{"no target worsening", Input{Direction: higher, Series: pts(2010, 40, 2015, 38)},
			"4-year graduation rate fell from 40% (2010) to 38% (2015); worsening."},
		{"stale", Input{Direction: higher, Target: target90, Series: anchorage, CurrentYear: 2026},
			"4-year graduation rate rose from 59% (2005) to 84% (2019); acceleration needed to reach 90% by 2020. Latest data is from 2019."},
		{"one figure", Input{Direction: higher, Target: target90, Series: pts(2013, 67)},
			"Not enough data yet: one figure, 67% (2013)."},
		{"one figure, stale", Input{Direction: higher, Series: pts(2013, 67), CurrentYear: 2026},
			"Not enough data yet: one figure, 67% (2013). Latest data is from 2013."},
		{"declared baseline only", Input{Direction: higher, Baseline: &Point{2005, 59}},
			"Not enough data yet: one figure, 59% (2005)."},
		{"no figures", Input{Direction: higher},
			"Not enough data yet: no figures."},
		{"nothing since the baseline", Input{Direction: higher, Baseline: &Point{2015, 70}, Series: pts(2013, 67)},
			"Not enough data yet: no figure since the 2015 baseline; the latest is 67% (2013)."},
		{"invalid input", Input{Direction: higher, Series: pts(2013, 67, 2013, 68)},
			"Status not computed: two all-groups figures for 2013; each year needs exactly one."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summary(grad, percent, Assess(tt.in)); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSummaryCapitalizesName(t *testing.T) {
	r := Assess(Input{Direction: higher, Series: pts(2010, 40, 2015, 45)})
	want := "Kindergarten readiness rose from 40% (2010) to 45% (2015); improving."
	if got := Summary("kindergarten readiness", percent, r); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCapitalize(t *testing.T) {
	for in, want := range map[string]string{"": "", "école": "École", "4-year": "4-year", "Dropout": "Dropout"} {
		if got := capitalize(in); got != want {
			t.Errorf("capitalize(%q): got %q, want %q", in, got, want)
		}
	}
}
