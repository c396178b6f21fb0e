package report

import (
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

func fig(dim, group string, year int, v, den float64) domain.Measurement {
	m := domain.Measurement{Indicator: "grad", Year: year, Dimension: dim, Group: group, Value: v, Status: domain.StatusApproved}
	if den > 0 {
		n := v * den / 100
		m.Numerator, m.Denominator = &n, &den
	}
	return m
}

func TestSuppress(t *testing.T) {
	tests := []struct {
		name      string
		in        []domain.Measurement
		threshold int
		want      []bool
	}{
		{"no denominators: nothing hidden", []domain.Measurement{fig("", "", 2019, 84, 0), fig("Race", "A", 2019, 50, 0)}, 10, []bool{false, false}},
		{"small cell hidden", []domain.Measurement{fig("", "", 2019, 84, 500), fig("Race", "A", 2019, 50, 8)}, 10, []bool{false, true}},
		{"at the threshold shown", []domain.Measurement{fig("Race", "A", 2019, 50, 10)}, 10, []bool{false}},
		{"complementary: smallest other group hidden too", []domain.Measurement{
			fig("", "", 2019, 84, 500), fig("Race", "A", 2019, 50, 8), fig("Race", "B", 2019, 80, 200), fig("Race", "C", 2019, 90, 292),
		}, 10, []bool{false, true, true, false}},
		{"two small cells need no complement", []domain.Measurement{
			fig("Race", "A", 2019, 50, 8), fig("Race", "B", 2019, 60, 5), fig("Race", "C", 2019, 90, 292),
		}, 10, []bool{true, true, false}},
		{"other years and dimensions are independent", []domain.Measurement{
			fig("Race", "A", 2019, 50, 8), fig("Race", "B", 2018, 80, 200), fig("Income", "Low", 2019, 70, 200),
		}, 10, []bool{true, false, false}},
		{"threshold 0 shows everything", []domain.Measurement{fig("Race", "A", 2019, 50, 1)}, 0, []bool{false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Suppress(tt.in, tt.threshold)
			for i, f := range got {
				if f.Suppressed != tt.want[i] {
					t.Errorf("figure %d (%s %d): suppressed = %v, want %v", i, f.Group, f.Year, f.Suppressed, tt.want[i])
				}
			}
		})
	}
}

func TestValueFormat(t *testing.T) {
	pct := domain.Indicator{Unit: domain.UnitPercent, Decimals: 1}
	rate := domain.Indicator{Unit: domain.UnitRate, RatePer: 1000, Decimals: 2}
	tests := []struct {
		ind  domain.Indicator
		v    float64
		want string
	}{
		{pct, 84, "84%"}, {pct, 80.2, "80.2%"}, {pct, 79.28, "79.3%"}, {pct, -0.01, "0%"},
		{rate, 12.5, "12.5 per 1000"}, {domain.Indicator{Unit: domain.UnitCount}, 1200, "1200"},
	}
	for _, tt := range tests {
		if got := Value(tt.ind, tt.v); got != tt.want {
			t.Errorf("Value(%v, %v) = %q, want %q", tt.ind.Unit, tt.v, got, tt.want)
		}
	}
}
