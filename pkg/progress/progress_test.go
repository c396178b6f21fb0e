package progress

import (
	"math"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

const (
	higher = domain.HigherIsBetter
	lower  = domain.LowerIsBetter
	linear = domain.MethodLinear
	cagrM  = domain.MethodCAGR
)

// anchorage is the real all-students 4-year graduation series of Anchorage's
// "90% by 2020" (see /work/shared/data/real_measurements.csv).
var anchorage = []Point{
	{2005, 59}, {2011, 72}, {2012, 73}, {2013, 76}, {2015, 80.2},
	{2016, 79.7}, {2017, 81.4}, {2018, 80.7}, {2019, 84},
}

var target90 = &Point{2020, 90}

func pts(pairs ...float64) []Point {
	out := make([]Point, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, Point{int(pairs[i]), pairs[i+1]})
	}
	return out
}

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

func TestAssessStatus(t *testing.T) {
	dropout := &Point{2020, 2}
	tests := []struct {
		name      string
		in        Input
		status    Status
		ratio     float64 // checked to ±0.001 when hasRatio
		hasRatio  bool
		method    domain.Method
		note      string // substring of MethodNote; "" = must be empty
		improving *bool
	}{
		// Worked examples from PRODUCT.md.
		{"worked 2013 linear", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2013, 76)},
			OnTrack, 1.028, true, linear, "", ptr(true)},
		{"worked 2013 cagr", Input{Direction: higher, Method: cagrM, Target: target90, Series: pts(2005, 59, 2013, 76)},
			OnTrack, 1.126, true, cagrM, "", ptr(true)},
		{"worked 2019 linear", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2019, 84)},
			AccelerationNeeded, 0.864, true, linear, "", ptr(true)},
		{"worked 2019 cagr", Input{Direction: higher, Method: cagrM, Target: target90, Series: pts(2005, 59, 2019, 84)},
			AccelerationNeeded, 0.895, true, cagrM, "", ptr(true)},
		{"empty method means linear", Input{Direction: higher, Method: "", Target: target90, Series: pts(2005, 59, 2019, 84)},
			AccelerationNeeded, 0.864, true, linear, "", ptr(true)},
		{"real Anchorage series", Input{Direction: higher, Method: linear, Baseline: &Point{2005, 59}, Target: target90, Series: anchorage},
			AccelerationNeeded, 0.864, true, linear, "", ptr(true)},
		// R = 3 / 16.533 = 0.181.
		{"limited progress", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2013, 62)},
			LimitedProgress, 0.181, true, linear, "", ptr(true)},
		// R = -4 / 16.533 = -0.242.
		{"deterioration", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2013, 55)},
			Deterioration, -0.242, true, linear, "", ptr(false)},
		{"met before the target year", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2015, 91)},
			TargetMet, 0, false, linear, "", ptr(true)},
		{"met exactly", Input{Direction: higher, Method: cagrM, Target: target90, Series: pts(2005, 59, 2016, 90)},
			TargetMet, 0, false, cagrM, "", ptr(true)},
		{"met within float noise", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2016, 90-1e-12)},
			TargetMet, 0, false, linear, "", ptr(true)},
		{"past the target year, met", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2019, 84, 2022, 92)},
			TargetMet, 0, false, linear, "", ptr(true)},
		{"past the target year, missed", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2019, 84, 2021, 85)},
			TargetMissed, 0, false, linear, "", ptr(true)},
		{"at the target year, missed", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2020, 89.9)},
			TargetMissed, 0, false, linear, "", ptr(true)},
		{"met past the target year after a miss", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2020, 88, 2021, 90.5)},
			TargetMet, 0, false, linear, "", ptr(true)},
		// Dropout rate, lower is better: 5 (2010) -> 2 (2020); e(2015) = 3.5.
		{"lower on track", Input{Direction: lower, Target: dropout, Series: pts(2010, 5, 2015, 3.5)},
			OnTrack, 1, true, linear, "", ptr(true)},
		// R = (4-5)/(3.5-5) = 0.667.
		{"lower acceleration needed", Input{Direction: lower, Target: dropout, Series: pts(2010, 5, 2015, 4)},
			AccelerationNeeded, 0.667, true, linear, "", ptr(true)},
		// R = (6-5)/(3.5-5) = -0.667: rising dropout is deterioration.
		{"lower deterioration", Input{Direction: lower, Target: dropout, Series: pts(2010, 5, 2015, 6)},
			Deterioration, -0.667, true, linear, "", ptr(false)},
		{"lower limited progress", Input{Direction: lower, Target: dropout, Series: pts(2010, 5, 2015, 4.5)},
			LimitedProgress, 0.333, true, linear, "", ptr(true)},
		{"lower met", Input{Direction: lower, Target: dropout, Series: pts(2010, 5, 2015, 1.8)},
			TargetMet, 0, false, linear, "", ptr(true)},
		{"lower missed", Input{Direction: lower, Target: dropout, Series: pts(2010, 5, 2020, 2.5)},
			TargetMissed, 0, false, linear, "", ptr(true)},
		// R = (0.7^(1/5)-1) / (0.4^(1/10)-1) = -0.0689 / -0.0876 = 0.786.
		{"lower cagr", Input{Direction: lower, Method: cagrM, Target: dropout, Series: pts(2010, 5, 2015, 3.5)},
			AccelerationNeeded, 0.786, true, cagrM, "", ptr(true)},
		// R = (1.2^(1/5)-1) / (0.4^(1/10)-1) = 0.0371 / -0.0876 = -0.424.
		{"lower cagr deterioration", Input{Direction: lower, Method: cagrM, Target: dropout, Series: pts(2010, 5, 2015, 6)},
			Deterioration, -0.424, true, cagrM, "", ptr(false)},
		// CAGR of 0 -> 5 divides by zero; linear: R = 5 / 5 = 1.
		{"zero baseline under cagr", Input{Direction: higher, Method: cagrM, Target: &Point{2020, 10}, Series: pts(2010, 0, 2015, 5)},
			OnTrack, 1, true, linear, "CAGR is undefined", ptr(true)},
		{"zero latest under cagr", Input{Direction: lower, Method: cagrM, Target: &Point{2020, -1}, Series: pts(2010, 4, 2015, 0)},
			OnTrack, 1.6, true, linear, "CAGR is undefined", ptr(true)},
		{"zero target under cagr", Input{Direction: lower, Method: cagrM, Target: &Point{2020, 0}, Series: pts(2010, 10, 2015, 5)},
			OnTrack, 1, true, linear, "CAGR is undefined", ptr(true)},
		{"target equals baseline, fell behind", Input{Direction: higher, Target: &Point{2020, 80}, Series: pts(2010, 80, 2015, 78)},
			Deterioration, 0, false, linear, "", ptr(false)},
		{"target equals baseline, cagr", Input{Direction: higher, Method: cagrM, Target: &Point{2020, 80}, Series: pts(2010, 80, 2015, 78)},
			Deterioration, 0, false, cagrM, "", ptr(false)},
		{"target equals baseline, held", Input{Direction: higher, Target: &Point{2020, 80}, Series: pts(2010, 80, 2015, 80)},
			TargetMet, 0, false, linear, "", ptr(false)},
		// The target is below a higher-is-better baseline; falling under it
		// would give a positive R (both terms negative) without this rule.
		{"target behind baseline, fell below it", Input{Direction: higher, Target: &Point{2020, 70}, Series: pts(2010, 80, 2015, 65)},
			Deterioration, 0, false, linear, "", ptr(false)},
		{"gaps in the years, any order", Input{Direction: higher, Target: target90, Series: pts(2013, 76, 2005, 59, 2009, 70)},
			OnTrack, 1.028, true, linear, "", ptr(true)},
		{"declared baseline not in series", Input{Direction: higher, Baseline: &Point{2005, 59}, Target: target90, Series: pts(2013, 76)},
			OnTrack, 1.028, true, linear, "", ptr(true)},
		{"declared baseline wins over series", Input{Direction: higher, Baseline: &Point{2005, 59}, Target: target90, Series: pts(2005, 61, 2013, 76)},
			OnTrack, 1.028, true, linear, "", ptr(true)},
		{"figures before the declared baseline", Input{Direction: higher, Baseline: &Point{2005, 59}, Target: target90, Series: pts(2001, 50, 2013, 76)},
			OnTrack, 1.028, true, linear, "", ptr(true)},
		{"unknown method", Input{Direction: higher, Method: "median", Target: target90, Series: pts(2005, 59, 2019, 84)},
			AccelerationNeeded, 0.864, true, linear, "unknown method", ptr(true)},
		// Without a target.
		{"no target improving", Input{Direction: higher, Series: pts(2010, 40, 2015, 45)},
			Improving, 0, false, linear, "", ptr(true)},
		{"no target no change", Input{Direction: higher, Series: pts(2010, 40, 2015, 40+1e-12)},
			NoChange, 0, false, linear, "", ptr(false)},
		{"no target worsening", Input{Direction: higher, Series: pts(2010, 40, 2015, 38)},
			Worsening, 0, false, linear, "", ptr(false)},
		{"no target lower improving", Input{Direction: lower, Series: pts(2010, 8, 2015, 6)},
			Improving, 0, false, linear, "", ptr(true)},
		{"no target lower worsening", Input{Direction: lower, Series: pts(2010, 8, 2015, 9)},
			Worsening, 0, false, linear, "", ptr(false)},
		// Insufficient data.
		{"empty series", Input{Direction: higher, Target: target90},
			InsufficientData, 0, false, linear, "", nil},
		{"declared baseline only", Input{Direction: higher, Baseline: &Point{2005, 59}, Target: target90},
			InsufficientData, 0, false, linear, "", nil},
		{"one figure", Input{Direction: higher, Target: target90, Series: pts(2013, 67)},
			InsufficientData, 0, false, linear, "", nil},
		{"only the baseline year", Input{Direction: higher, Baseline: &Point{2005, 59}, Target: target90, Series: pts(2005, 59)},
			InsufficientData, 0, false, linear, "", nil},
		{"latest before the declared baseline", Input{Direction: higher, Baseline: &Point{2015, 70}, Target: target90, Series: pts(2011, 60, 2013, 67)},
			InsufficientData, 0, false, linear, "", nil},
		{"duplicate years", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2013, 76, 2013, 77)},
			InsufficientData, 0, false, linear, "two all-groups figures for 2013", nil},
		{"target not a number", Input{Direction: higher, Target: &Point{2020, math.Inf(1)}, Series: pts(2005, 59, 2013, 76)},
			InsufficientData, 0, false, linear, "not a usable number", nil},
		{"missing direction", Input{Target: target90, Series: pts(2005, 59, 2013, 76)},
			InsufficientData, 0, false, linear, "direction", nil},
		{"not a number", Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2013, math.NaN())},
			InsufficientData, 0, false, linear, "not a usable number", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Assess(tt.in)
			if got.Status != tt.status {
				t.Errorf("status: got %s, want %s", got.Status, tt.status)
			}
			switch {
			case tt.hasRatio && got.Ratio == nil:
				t.Errorf("ratio: got nil, want %.3f", tt.ratio)
			case tt.hasRatio && !near(*got.Ratio, tt.ratio, 0.001):
				t.Errorf("ratio: got %.4f, want %.3f", *got.Ratio, tt.ratio)
			case !tt.hasRatio && got.Ratio != nil:
				t.Errorf("ratio: got %.4f, want nil", *got.Ratio)
			}
			if got.Method != tt.method {
				t.Errorf("method: got %q, want %q", got.Method, tt.method)
			}
			if tt.note == "" && got.MethodNote != "" || !strings.Contains(got.MethodNote, tt.note) {
				t.Errorf("method note: got %q, want one containing %q", got.MethodNote, tt.note)
			}
			if (got.Improving == nil) != (tt.improving == nil) || got.Improving != nil && *got.Improving != *tt.improving {
				t.Errorf("improving: got %v, want %v", fmtBool(got.Improving), fmtBool(tt.improving))
			}
		})
	}
}

func fmtBool(b *bool) string {
	if b == nil {
		return "nil"
	}
	if *b {
		return "true"
	}
	return "false"
}

func TestAssessFields(t *testing.T) {
	got := Assess(Input{Direction: higher, Baseline: &Point{2005, 59}, Target: target90, Series: anchorage, CurrentYear: 2026})
	if got.Baseline == nil || *got.Baseline != (Point{2005, 59}) {
		t.Errorf("baseline: got %v, want {2005 59}", got.Baseline)
	}
	if got.Latest == nil || *got.Latest != (Point{2019, 84}) {
		t.Errorf("latest: got %v, want {2019 84}", got.Latest)
	}
	if got.Target == nil || *got.Target != *target90 || got.Target == target90 {
		t.Errorf("target: got %v, want a copy of {2020 90}", got.Target)
	}
	// e(2019) = 59 + 31*14/15 = 87.933.
	if got.Expected == nil || !near(*got.Expected, 87.9333, 0.0001) {
		t.Errorf("expected: got %v, want 87.933", got.Expected)
	}
	if got.Change == nil || !near(*got.Change, 25, 1e-9) {
		t.Errorf("change: got %v, want 25", got.Change)
	}
	if !got.Stale {
		t.Errorf("stale: got false, want true (2019 data in 2026)")
	}
	if got.Projection == nil || len(got.Projection.Points) != 16 {
		t.Errorf("projection: got %v, want 16 points 2005..2020", got.Projection)
	}
}

func TestAssessExpectedAfterTargetYear(t *testing.T) {
	got := Assess(Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2022, 85)})
	if got.Expected == nil || *got.Expected != 90 {
		t.Errorf("expected: got %v, want the target value 90", got.Expected)
	}
}

func TestAssessNoTargetLeavesTargetFieldsEmpty(t *testing.T) {
	got := Assess(Input{Direction: lower, Series: pts(2010, 8, 2015, 6)})
	if got.Target != nil || got.Expected != nil || got.Ratio != nil {
		t.Errorf("got target %v expected %v ratio %v, want all nil", got.Target, got.Expected, got.Ratio)
	}
	if got.Change == nil || *got.Change != -2 {
		t.Errorf("change: got %v, want -2", got.Change)
	}
}

func TestAssessDoesNotModifyInput(t *testing.T) {
	series := pts(2013, 76, 2005, 61)
	Assess(Input{Direction: higher, Baseline: &Point{2005, 59}, Target: target90, Series: series})
	if want := pts(2013, 76, 2005, 61); series[0] != want[0] || series[1] != want[1] {
		t.Errorf("series: got %v, want %v unchanged", series, want)
	}
}

func TestAssessStale(t *testing.T) {
	series := pts(2015, 70, 2019, 74)
	tests := []struct {
		name    string
		current int
		series  []Point
		want    bool
	}{
		{"not checked", 0, series, false},
		{"two years old", 2021, series, false},
		{"three years old", 2022, series, true},
		{"stale even with one figure", 2026, pts(2019, 74), true},
		{"nothing to be stale", 2026, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Assess(Input{Direction: higher, Series: tt.series, CurrentYear: tt.current}).Stale
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestChangeHasNoSubtractionNoise(t *testing.T) {
	got := Assess(Input{Direction: domain.HigherIsBetter, Series: []Point{{2014, 81}, {2015, 80.2}}})
	if got.Change == nil || *got.Change != -0.8 {
		t.Errorf("change: got %v, want exactly -0.8", got.Change)
	}
}
