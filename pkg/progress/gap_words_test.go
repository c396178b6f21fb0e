package progress

import (
	"strconv"
	"testing"
)

func TestGapWords(t *testing.T) {
	points := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + " points" }
	at := func(year int, v float64) *Point { return &Point{Year: year, Value: v} }
	const ref = "Crook County School District"
	tests := []struct {
		name string
		gap  GroupGap
		want string
	}{
		// Better Together: Crook County 46% in 2015, 97.3% in 2023;
		// Bend-La Pine 77.2% and 83.6%.
		{"was ahead, now behind", GroupGap{Group: "Bend-La Pine Schools", Trend: TrendClosing, First: at(2015, -31.2), Last: at(2023, 13.7)},
			"Bend-La Pine Schools: was ahead of " + ref + " by 31.2 points in 2015; now behind by 13.7 points in 2023"},
		{"was behind, now ahead", GroupGap{Group: "Asian", Trend: TrendWidening, First: at(2015, 5), Last: at(2019, -7)},
			"Asian: was behind " + ref + " by 5 points in 2015; now ahead by 7 points in 2019"},
		{"behind, closing", GroupGap{Group: "Alaska Native", Trend: TrendClosing, First: at(2015, 20), Last: at(2019, 10)},
			"Alaska Native: gap closing (behind " + ref + " by 20 points in 2015, behind by 10 points in 2019)"},
		{"ahead, widening", GroupGap{Group: "Asian", Trend: TrendWidening, First: at(2015, -5), Last: at(2019, -10)},
			"Asian: gap widening (ahead of " + ref + " by 5 points in 2015, ahead by 10 points in 2019)"},
		{"level, then behind", GroupGap{Group: "White", Trend: TrendWidening, First: at(2015, 0), Last: at(2019, 3)},
			"White: was level with " + ref + " in 2015; now behind by 3 points in 2019"},
		{"one common year", GroupGap{Group: "Culver", Trend: TrendInsufficientData, First: at(2019, 5.5), Last: at(2019, 5.5)},
			"Culver: behind " + ref + " by 5.5 points in 2019"},
		{"no common year", GroupGap{Group: "Sisters", Trend: TrendInsufficientData},
			"Sisters: no year in common with " + ref},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GapWords(tt.gap, ref, points); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
