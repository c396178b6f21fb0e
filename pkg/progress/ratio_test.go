package progress

import (
	"math"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

func TestRatioStatusThresholds(t *testing.T) {
	tests := []struct {
		r    float64
		want Status
	}{
		{2, OnTrack},
		{0.95, OnTrack},
		{0.9499, AccelerationNeeded},
		{0.60, AccelerationNeeded},
		{0.5999, LimitedProgress},
		{0, LimitedProgress},
		{-0.0001, Deterioration},
		{math.Inf(-1), Deterioration},
	}
	for _, tt := range tests {
		if got := ratioStatus(tt.r); got != tt.want {
			t.Errorf("ratioStatus(%v): got %s, want %s", tt.r, got, tt.want)
		}
	}
}

func TestPaceRatioWorkedExamples(t *testing.T) {
	b, tgt := Point{2005, 59}, Point{2020, 90}
	tests := []struct {
		name   string
		method domain.Method
		latest Point
		want   float64
	}{
		// 17 / (31*8/15) = 1.02823.
		{"linear 2013", linear, Point{2013, 76}, 1.02823},
		// ((76/59)^(1/8)-1) / ((90/59)^(1/15)-1) = 1.12623.
		{"cagr 2013", cagrM, Point{2013, 76}, 1.12623},
		// 25 / (31*14/15) = 0.86406.
		{"linear 2019", linear, Point{2019, 84}, 0.86406},
		// ((84/59)^(1/14)-1) / ((90/59)^(1/15)-1) = 0.89506.
		{"cagr 2019", cagrM, Point{2019, 84}, 0.89506},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := paceRatio(tt.method, b, tt.latest, tgt)
			if !near(got, tt.want, 0.00001) {
				t.Errorf("got %.5f, want %.5f", got, tt.want)
			}
		})
	}
}

func TestGlidePath(t *testing.T) {
	got := GlidePath(Point{2005, 59}, Point{2020, 90})
	if len(got) != 16 {
		t.Fatalf("len: got %d, want 16", len(got))
	}
	checks := []struct {
		i    int
		want Point
	}{{0, Point{2005, 59}}, {8, Point{2013, 59 + 31*8.0/15}}, {15, Point{2020, 90}}}
	for _, c := range checks {
		if got[c.i].Year != c.want.Year || !near(got[c.i].Value, c.want.Value, 1e-9) {
			t.Errorf("point %d: got %v, want %v", c.i, got[c.i], c.want)
		}
	}
}

func TestGlidePathLowerIsBetter(t *testing.T) {
	got := GlidePath(Point{2010, 5}, Point{2020, 2})
	if len(got) != 11 || !near(got[5].Value, 3.5, 1e-9) {
		t.Errorf("got %v, want 11 points through 3.5 in 2015", got)
	}
}

func TestGlidePathNoTime(t *testing.T) {
	for _, tgt := range []Point{{2005, 90}, {2000, 90}} {
		if got := GlidePath(Point{2005, 59}, tgt); got != nil {
			t.Errorf("target %v: got %v, want nil", tgt, got)
		}
	}
}
