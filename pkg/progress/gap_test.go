package progress

import (
	"slices"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

func TestEquityGap(t *testing.T) {
	ref := GroupSeries{"Non-Native", pts(2015, 80, 2017, 82, 2019, 85)}
	tests := []struct {
		name     string
		group    GroupSeries
		ref      GroupSeries
		dir      domain.Direction
		baseline int
		trend    string
		gaps     []Point
		first    int // year; 0 = nil
		last     int
	}{
		{"closing", GroupSeries{"Alaska Native", pts(2015, 60, 2017, 66, 2019, 75)}, ref, higher, 2015,
			TrendClosing, pts(2015, 20, 2017, 16, 2019, 10), 2015, 2019},
		{"widening", GroupSeries{"Alaska Native", pts(2015, 70, 2019, 72)}, ref, higher, 2015,
			TrendWidening, pts(2015, 10, 2019, 13), 2015, 2019},
		{"no change", GroupSeries{"Alaska Native", pts(2015, 70, 2019, 75)}, ref, higher, 2015,
			TrendNoChange, pts(2015, 10, 2019, 10), 2015, 2019},
		{"group ahead and pulling away is widening", GroupSeries{"Asian", pts(2015, 85, 2019, 95)}, ref, higher, 2015,
			TrendWidening, pts(2015, -5, 2019, -10), 2015, 2019},
		{"flips sign and grows", GroupSeries{"Asian", pts(2015, 75, 2019, 92)}, ref, higher, 2015,
			TrendWidening, pts(2015, 5, 2019, -7), 2015, 2019},
		{"first common year since the baseline", GroupSeries{"Alaska Native", pts(2015, 50, 2017, 70, 2019, 70)}, ref, higher, 2016,
			TrendWidening, pts(2015, 30, 2017, 12, 2019, 15), 2017, 2019},
		{"baseline after every common year", GroupSeries{"Alaska Native", pts(2015, 60, 2019, 75)}, ref, higher, 2030,
			TrendClosing, pts(2015, 20, 2019, 10), 2015, 2019},
		{"gaps only where both have a year", GroupSeries{"Alaska Native", pts(2019, 75, 2016, 60, 2015, 60)}, ref, higher, 2015,
			TrendClosing, pts(2015, 20, 2019, 10), 2015, 2019},
		// Dropout, lower is better: group minus reference, so behind is positive.
		{"lower is better", GroupSeries{"Low income", pts(2015, 9, 2019, 6)},
			GroupSeries{"Not low income", pts(2015, 4, 2019, 3)}, lower, 2015,
			TrendClosing, pts(2015, 5, 2019, 3), 2015, 2019},
		{"one common year", GroupSeries{"Alaska Native", pts(2019, 70)}, ref, higher, 2015,
			TrendInsufficientData, pts(2019, 15), 2019, 2019},
		{"no common year", GroupSeries{"Alaska Native", pts(2014, 70, 2016, 71)}, ref, higher, 2015,
			TrendInsufficientData, nil, 0, 0},
		{"reference missing", GroupSeries{"Alaska Native", pts(2015, 60, 2019, 75)}, GroupSeries{}, higher, 2015,
			TrendInsufficientData, nil, 0, 0},
		{"duplicate year in the group", GroupSeries{"Alaska Native", pts(2015, 60, 2015, 61, 2019, 75)}, ref, higher, 2015,
			TrendInsufficientData, nil, 0, 0},
		{"duplicate year in the reference", GroupSeries{"Alaska Native", pts(2015, 60, 2019, 75)},
			GroupSeries{"Non-Native", pts(2015, 80, 2019, 85, 2019, 86)}, higher, 2015,
			TrendInsufficientData, nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// An empty tt.ref stands for a reference group with no series.
			reference, groups := tt.ref.Group, []GroupSeries{tt.ref, tt.group}
			if reference == "" {
				reference, groups = "Non-Native", groups[1:]
			}
			g := EquityGap(reference, groups, tt.dir, tt.baseline)
			if g.Reference != reference || len(g.Groups) != 1 {
				t.Fatalf("got reference %q with %d groups, want %q with 1", g.Reference, len(g.Groups), reference)
			}
			got := g.Groups[0]
			if got.Group != tt.group.Group || got.Trend != tt.trend {
				t.Errorf("got %s %s, want %s %s", got.Group, got.Trend, tt.group.Group, tt.trend)
			}
			if !samePoints(got.Gaps, tt.gaps) {
				t.Errorf("gaps: got %v, want %v", got.Gaps, tt.gaps)
			}
			if year(got.First) != tt.first || year(got.Last) != tt.last {
				t.Errorf("first, last: got %d, %d, want %d, %d", year(got.First), year(got.Last), tt.first, tt.last)
			}
		})
	}
}

func TestEquityGapKeepsGroupOrder(t *testing.T) {
	groups := []GroupSeries{
		{"White", pts(2016, 85.2, 2017, 85.8)},
		{"Alaska Native/American Indian", pts(2016, 55.5, 2017, 63.2)},
		{"Asian", pts(2016, 87, 2017, 88.7)},
	}
	g := EquityGap("White", groups, higher, 2016)
	var names []string
	for _, gg := range g.Groups {
		names = append(names, gg.Group)
	}
	if want := []string{"Alaska Native/American Indian", "Asian"}; !slices.Equal(names, want) {
		t.Errorf("groups: got %v, want %v", names, want)
	}
	// 85.2-55.5 = 29.7 in 2016, 85.8-63.2 = 22.6 in 2017.
	if g.Groups[0].Trend != TrendClosing || !near(g.Groups[0].Last.Value, 22.6, 1e-9) {
		t.Errorf("Alaska Native: got %s ending %v, want closing ending 22.6", g.Groups[0].Trend, g.Groups[0].Last)
	}
}

func samePoints(a, b []Point) bool {
	return len(a) == len(b) && slices.EqualFunc(a, b, func(p, q Point) bool {
		return p.Year == q.Year && near(p.Value, q.Value, 1e-9)
	})
}

func year(p *Point) int {
	if p == nil {
		return 0
	}
	return p.Year
}
