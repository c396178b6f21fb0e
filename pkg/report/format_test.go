package report

import (
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

func TestGapAmount(t *testing.T) {
	for _, tt := range []struct {
		unit domain.Unit
		v    float64
		want string
	}{
		{domain.UnitPercent, 13.74, "13.7 points"},
		{domain.UnitPercent, -1.8, "-1.8 points"},
		{domain.UnitCount, 120, "120"},
		{domain.UnitScore, 2.5, "2.5"},
	} {
		if got := GapAmount(domain.Indicator{Unit: tt.unit, Decimals: 1}, tt.v); got != tt.want {
			t.Errorf("GapAmount(%s, %v) = %q, want %q", tt.unit, tt.v, got, tt.want)
		}
	}
}
