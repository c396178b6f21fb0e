package report

import (
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

// pendingYears lists the years of the pending all-groups figures of grad.
func pendingYears(p *Partnership) []int {
	var ys []int
	for _, f := range p.Indicator("grad").Figures {
		if f.Pending() {
			ys = append(ys, f.Year)
		}
	}
	return ys
}

func TestBuildPendingFigures(t *testing.T) {
	tests := []struct {
		name string
		aud  Audience
		want int // pending figures in the table
	}{
		{"public", Public, 0},
		{"public asking for pending", Audience{Pending: true}, 0},
		{"member without asking", Audience{Member: true, SmallCells: true}, 0},
		{"member with pending", Audience{Member: true, SmallCells: true, Pending: true}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Build(anchorage(), tt.aud, 2026)
			if got := pendingYears(p); len(got) != tt.want {
				t.Fatalf("pending years = %v, want %d figure(s)", got, tt.want)
			}
			r := p.Indicator("grad")
			if got := r.Result.Latest.Year; got != 2019 {
				t.Errorf("latest year = %d, want 2019: a pending figure never counts for the status", got)
			}
			for _, pt := range r.Series {
				if pt.Year == 2020 {
					t.Errorf("series holds the pending 2020 figure: %v", r.Series)
				}
			}
			if p.Audience != tt.aud {
				t.Errorf("audience = %+v, want %+v", p.Audience, tt.aud)
			}
		})
	}
}

func TestBuildPendingKeepsOrderAndApprovedOnly(t *testing.T) {
	b := anchorage()
	b.Measurements = append(b.Measurements,
		domain.Measurement{Indicator: "grad", Year: 2014, Value: 77, Status: domain.StatusReturned},
		domain.Measurement{Indicator: "grad", Year: 2018, Dimension: "Race/ethnicity", Group: "Asian", Value: 90, Status: domain.StatusSubmitted},
	)
	r := Build(b, Audience{Member: true, SmallCells: true, Pending: true}, 2026).Indicator("grad")
	for i := 1; i < len(r.Figures); i++ {
		if figLess(r.Figures[i], r.Figures[i-1]) {
			t.Fatalf("figures out of order at %d: %+v after %+v", i, r.Figures[i].Measurement, r.Figures[i-1].Measurement)
		}
	}
	for _, f := range r.Figures {
		if f.Status == domain.StatusReturned {
			t.Errorf("a returned figure is shown: %+v", f.Measurement)
		}
	}
	for _, d := range r.Dimensions {
		for _, g := range d.Groups {
			for _, pt := range g.Points {
				if g.Group == "Asian" && pt.Year == 2018 {
					t.Errorf("group chart holds the pending Asian 2018 figure")
				}
			}
		}
	}
	if got := len(r.Figures); got != 15 {
		t.Errorf("figures = %d, want 13 approved + 2 pending", got)
	}
}
