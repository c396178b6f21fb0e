package progress

import (
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

// TestProjectAnchorage checks the fit through the real series by hand:
// n = 9, mean year = 2014, mean value = 686/9 = 76.2222,
// Sxx = sum (x-2014)^2 = 81+9+4+1+1+4+9+16+25 = 150,
// Sxy = sum (x-2014)(y-76.2222) = 257.6, so slope = 257.6/150 = 1.717333,
// value(2020) = 76.2222 + 6*1.717333 = 86.5262,
// value(2022) = 76.2222 + 8*1.717333 = 89.9609 < 90,
// value(2023) = 76.2222 + 9*1.717333 = 91.6782 >= 90: reached in 2023.
func TestProjectAnchorage(t *testing.T) {
	got := Project(anchorage, 2005, target90, higher)
	if got == nil {
		t.Fatal("got nil, want a projection")
	}
	if !near(got.Slope, 1.717333, 1e-6) {
		t.Errorf("slope: got %.6f, want 1.717333", got.Slope)
	}
	if !near(got.At(2014), 76.2222, 1e-4) {
		t.Errorf("value at the mean year: got %.4f, want 76.2222", got.At(2014))
	}
	if got.TargetYearValue == nil || !near(*got.TargetYearValue, 86.5262, 1e-4) {
		t.Errorf("target year value: got %v, want 86.5262", got.TargetYearValue)
	}
	if got.ReachedYear == nil || *got.ReachedYear != 2023 {
		t.Errorf("reached year: got %v, want 2023", got.ReachedYear)
	}
	if n := len(got.Points); n != 16 || got.Points[0].Year != 2005 || got.Points[n-1].Year != 2020 {
		t.Errorf("points: got %d from %v to %v, want 16 from 2005 to 2020", n, got.Points[0], got.Points[n-1])
	}
}

func TestProject(t *testing.T) {
	tests := []struct {
		name      string
		series    []Point
		baseline  int
		target    *Point
		dir       domain.Direction
		nilResult bool
		reached   int // 0 = nil
		first     int
		last      int
	}{
		{"exact crossing", pts(2010, 10, 2012, 12), 2010, &Point{2015, 15}, higher, false, 2015, 2010, 2015},
		{"wrong slope never reaches", pts(2010, 60, 2012, 58, 2014, 57), 2010, &Point{2020, 90}, higher, false, 0, 2010, 2020},
		{"flat never reaches", pts(2010, 60, 2014, 60), 2010, &Point{2020, 90}, higher, false, 0, 2010, 2020},
		{"too slow, after the horizon", pts(2010, 50, 2020, 50.1), 2010, &Point{2030, 90}, higher, false, 0, 2010, 2030},
		{"lower is better reaches", pts(2010, 5, 2012, 4.4, 2014, 3.8), 2010, &Point{2020, 2}, lower, false, 2020, 2010, 2020},
		{"lower, rising never reaches", pts(2010, 5, 2014, 6), 2010, &Point{2020, 2}, lower, false, 0, 2010, 2020},
		{"already beyond at the start", pts(2010, 95, 2014, 92), 2010, &Point{2020, 90}, higher, false, 2010, 2010, 2020},
		{"latest after the target year", pts(2010, 50, 2024, 64), 2010, &Point{2020, 90}, higher, false, 2050, 2010, 2024},
		{"no target", pts(2010, 50, 2014, 54), 2010, nil, higher, false, 0, 2010, 2014},
		{"ignores points before the baseline", pts(2001, 0, 2010, 10, 2012, 12), 2010, &Point{2015, 15}, higher, false, 2015, 2010, 2015},
		{"one point since the baseline", pts(2001, 0, 2010, 10), 2010, target90, higher, true, 0, 0, 0},
		{"no points", nil, 2010, target90, higher, true, 0, 0, 0},
		{"one year twice", pts(2010, 10, 2010, 12), 2010, target90, higher, true, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Project(tt.series, tt.baseline, tt.target, tt.dir)
			if tt.nilResult {
				if got != nil {
					t.Errorf("got %+v, want nil", got)
				}
				return
			}
			if got == nil {
				t.Fatal("got nil, want a projection")
			}
			if gotR := derefInt(got.ReachedYear); gotR != tt.reached {
				t.Errorf("reached year: got %d, want %d (0 = never)", gotR, tt.reached)
			}
			n := len(got.Points)
			if n != tt.last-tt.first+1 || got.Points[0].Year != tt.first || got.Points[n-1].Year != tt.last {
				t.Errorf("points: got %d points %v..%v, want %d..%d", n, got.Points[0], got.Points[n-1], tt.first, tt.last)
			}
			if (tt.target == nil) != (got.TargetYearValue == nil) {
				t.Errorf("target year value: got %v with target %v", got.TargetYearValue, tt.target)
			}
		})
	}
}

func derefInt(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func TestAssessProjectionIncludesDeclaredBaseline(t *testing.T) {
	// Through (2005,59), (2013,76), (2019,84): mean year 2012.333, mean 73;
	// Sxx = 53.778+0.444+44.444 = 98.667, Sxy = 102.667+2+73.333 = 178,
	// slope = 178/98.667 = 1.80405.
	got := Assess(Input{Direction: higher, Baseline: &Point{2005, 59}, Target: target90, Series: pts(2013, 76, 2019, 84)})
	if got.Projection == nil || !near(got.Projection.Slope, 1.80405, 1e-5) {
		t.Errorf("projection: got %+v, want slope 1.80405", got.Projection)
	}
}
