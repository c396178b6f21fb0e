package progress

import "testing"

func TestSummarize(t *testing.T) {
	results := []Result{
		Assess(Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2013, 76)}),     // on track, improving
		Assess(Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2015, 91)}),     // met, improving
		Assess(Input{Direction: higher, Target: target90, Series: pts(2005, 59, 2019, 84)}),     // acceleration, improving
		Assess(Input{Direction: lower, Target: &Point{2020, 2}, Series: pts(2010, 5, 2015, 6)}), // deterioration
		Assess(Input{Direction: higher, Series: pts(2010, 40, 2015, 40)}),                       // no change
		Assess(Input{Direction: higher, Target: target90, Series: pts(2013, 67)}),               // insufficient
	}
	got := Summarize(results)
	want := Headline{Moving: 3, Measured: 5, OnTrack: 2, WithTarget: 5, Total: 6}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestHeadlineText(t *testing.T) {
	tests := []struct {
		name string
		h    Headline
		want string
	}{
		{"plural", Headline{Moving: 3, Measured: 5, OnTrack: 2, WithTarget: 4, Total: 6},
			"3 of 5 indicators moving in the right direction; 2 on track"},
		{"one measured", Headline{Moving: 1, Measured: 1, OnTrack: 0, WithTarget: 1, Total: 1},
			"1 of 1 indicator moving in the right direction; 0 on track"},
		{"none moving", Headline{Moving: 0, Measured: 2, OnTrack: 0, WithTarget: 2, Total: 2},
			"0 of 2 indicators moving in the right direction; 0 on track"},
		{"no targets", Headline{Moving: 2, Measured: 3, Total: 3},
			"2 of 3 indicators moving in the right direction"},
		{"nothing measured", Headline{WithTarget: 2, Total: 2},
			"No indicator has figures for two years yet"},
		{"no indicators", Headline{}, "No indicators yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.h.Text(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
