package charts

import (
	"math"
	"strings"
	"testing"
)

func TestOptionErrors(t *testing.T) {
	with := func(change func(*Progress)) Progress {
		p := anchorage()
		change(&p)
		return p
	}
	tests := []struct {
		name string
		p    Progress
		want string
	}{
		{"NaN value", with(func(p *Progress) { p.Actual[1].Value = math.NaN() }), "not a finite number"},
		{"infinite target", with(func(p *Progress) { p.Target.Value = math.Inf(1) }), "not a finite number"},
		{"year twice", with(func(p *Progress) { p.Actual[1].Year = 2005 }), "year 2005 appears twice"},
		{"two-digit year", with(func(p *Progress) { p.Interim = []Point{{20, 80}} }), "year 20 is outside"},
		{"suppressed year out of range", with(func(p *Progress) { p.Suppressed = []int{20190} }), "year 20190 is outside"},
		{"mark year out of range", with(func(p *Progress) { p.Marks = []Mark{{Year: 1, Text: "x"}} }), "year 1 is outside"},
		{"unnamed comparison", with(func(p *Progress) { p.Comparisons = []Line{{Points: []Point{{2011, 68}}}} }), "no name"},
		{"comparison twice", with(func(p *Progress) { p.Comparisons = []Line{{Name: "Alaska"}, {Name: "Alaska"}} }), `"Alaska" appears twice`},
		{"comparison named Target", with(func(p *Progress) { p.Comparisons = []Line{{Name: SeriesTarget}} }), "name of a progress series"},
		{"axis bounds reversed", with(func(p *Progress) { p.YMin, p.YMax = ptr(100.0), ptr(0.0) }), "not below maximum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ProgressOption(tt.p)
			if err == nil {
				t.Fatalf("got no error, want one containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), `"graduation"`) {
				t.Errorf("got %q, want it to name the chart and contain %q", err, tt.want)
			}
		})
	}
}

func TestOtherOptionErrors(t *testing.T) {
	nan := []Line{{Name: "White", Points: []Point{{2016, math.NaN()}}}}
	tests := []struct {
		name string
		call func() ([]byte, error)
	}{
		{"subgroup", func() ([]byte, error) { return SubgroupOption(Subgroup{ID: "s", Lines: nan}) }},
		{"bars", func() ([]byte, error) { return LatestBarsOption(Subgroup{ID: "s", Lines: nan}) }},
		{"gap", func() ([]byte, error) { return GapOption(GapChart{ID: "s", Lines: nan}) }},
		{"spark", func() ([]byte, error) { return SparkOption(Spark{ID: "s", Actual: nan[0].Points}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.call(); err == nil || !strings.Contains(err.Error(), "not a finite number") {
				t.Errorf("got %v, want a not-finite error", err)
			}
		})
	}
}

func TestAxisBounds(t *testing.T) {
	p := anchorage()
	p.YMin, p.YMax = ptr(0.0), ptr(100.0)
	b, err := ProgressOption(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"min":0`) || !strings.Contains(string(b), `"max":100`) {
		t.Errorf("axis bounds missing from %s", b)
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		v        float64
		decimals int
		want     string
	}{
		{90, 1, "90"}, {80.25, 1, "80.2"}, {84, 0, "84"}, {3.5, 2, "3.5"}, {-0.01, 1, "0"},
	}
	for _, tt := range tests {
		if got := number(tt.v, tt.decimals); got != tt.want {
			t.Errorf("number(%v, %d): got %q, want %q", tt.v, tt.decimals, got, tt.want)
		}
	}
}
