package report

import (
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/progress"
)

func anchorage() *domain.Bundle {
	b := &domain.Bundle{
		Partnership: domain.Partnership{Slug: "a", Name: "A", SuppressionThreshold: 10, Published: true},
		Partners:    []domain.Partner{{Slug: "uw", Name: "United Way", Sector: "nonprofit", Contributes: []string{"grad"}}},
		Goals:       []domain.Goal{{Slug: "graduation", Title: "Graduate"}},
		Indicators: []domain.Indicator{
			{Slug: "grad", Goal: "graduation", Name: "Graduation rate", Unit: domain.UnitPercent, Decimals: 1, Direction: domain.HigherIsBetter,
				Method: domain.MethodLinear, Kind: domain.KindCore, Steward: "uw",
				Baseline: &domain.YearValue{Year: 2005, Value: 59}, Target: &domain.YearValue{Year: 2020, Value: 90}},
			{Slug: "attend", Goal: "graduation", Name: "Attendance", Unit: domain.UnitPercent, Direction: domain.HigherIsBetter,
				Method: domain.MethodLinear, Kind: domain.KindContributing, Predicts: "grad"},
		},
	}
	for _, p := range [][2]float64{{2005, 59}, {2011, 72}, {2012, 73}, {2013, 76}, {2015, 80.2}, {2016, 79.7}, {2017, 81.4}, {2018, 80.7}, {2019, 84}} {
		b.Measurements = append(b.Measurements, domain.Measurement{Indicator: "grad", Year: int(p[0]), Value: p[1], Status: domain.StatusApproved})
	}
	b.Measurements = append(b.Measurements,
		domain.Measurement{Indicator: "grad", Year: 2020, Value: 99, Status: domain.StatusSubmitted},
		domain.Measurement{Indicator: "grad", Year: 2016, Dimension: "Race/ethnicity", Group: "White", Value: 85.2, Status: domain.StatusApproved},
		domain.Measurement{Indicator: "grad", Year: 2017, Dimension: "Race/ethnicity", Group: "White", Value: 85.8, Status: domain.StatusApproved},
		domain.Measurement{Indicator: "grad", Year: 2016, Dimension: "Race/ethnicity", Group: "Asian", Value: 87, Status: domain.StatusApproved},
		domain.Measurement{Indicator: "grad", Year: 2017, Dimension: "Race/ethnicity", Group: "Asian", Value: 88.7, Status: domain.StatusApproved},
	)
	return b
}

func TestBuildAnchorage(t *testing.T) {
	p := Build(anchorage(), Public, 2026)
	r := p.Indicator("grad")
	if r == nil {
		t.Fatal("indicator grad missing")
	}
	if got, want := r.Result.Status, progress.AccelerationNeeded; got != want {
		t.Errorf("status = %s, want %s", got, want)
	}
	if r.Result.Ratio == nil || *r.Result.Ratio < 0.86 || *r.Result.Ratio > 0.87 {
		t.Errorf("ratio = %v, want about 0.864", r.Result.Ratio)
	}
	if got := r.Result.Latest.Year; got != 2019 {
		t.Errorf("latest year = %d, want 2019: the submitted 2020 figure must not count", got)
	}
	if len(r.Glide) != 16 || r.Glide[0].Value != 59 || r.Glide[15].Value != 90 {
		t.Errorf("glide path = %v, want 2005:59 .. 2020:90", r.Glide)
	}
	if !strings.Contains(r.Summary, "59%") || !strings.Contains(r.Summary, "84%") {
		t.Errorf("summary %q lacks the baseline and latest values", r.Summary)
	}
	if len(r.Dimensions) != 1 || r.Dimensions[0].Name != "Race/ethnicity" || len(r.Dimensions[0].Groups) != 2 {
		t.Fatalf("dimensions = %+v, want Race/ethnicity with two groups", r.Dimensions)
	}
	if got := r.Dimensions[0].Reference; got != "Asian" {
		t.Errorf("reference group = %q, want the best latest group Asian", got)
	}
	if r.Steward == nil || r.Steward.Slug != "uw" || len(r.Contributors) != 1 {
		t.Errorf("steward %v contributors %v, want uw and one contributor", r.Steward, r.Contributors)
	}
	if len(r.PredictedBy) != 1 || r.PredictedBy[0].Slug != "attend" {
		t.Errorf("predicted by = %v, want attend", r.PredictedBy)
	}
	if p.Headline.Total != 2 || p.Headline.Moving != 1 {
		t.Errorf("headline = %+v, want 1 moving of 2 indicators", p.Headline)
	}
	if len(p.Goals) != 1 || len(p.Goals[0].Indicators) != 2 {
		t.Errorf("goals = %+v, want one goal with both indicators", p.Goals)
	}
}

func TestBuildSuppressesForThePublicOnly(t *testing.T) {
	b := anchorage()
	den := 7.0
	num := 6.0
	b.Measurements = append(b.Measurements, domain.Measurement{Indicator: "attend", Year: 2019, Value: 85.7, Numerator: &num, Denominator: &den, Status: domain.StatusApproved})
	pub := Build(b, Public, 2026).Indicator("attend")
	if len(pub.Series) != 0 || !pub.Figures[0].Suppressed {
		t.Errorf("public: series %v, suppressed %v; want the small figure hidden", pub.Series, pub.Figures[0].Suppressed)
	}
	member := Build(b, Audience{Member: true, SmallCells: true}, 2026).Indicator("attend")
	if len(member.Series) != 1 || member.Figures[0].Suppressed {
		t.Errorf("member with small cells: series %v; want the figure shown", member.Series)
	}
}
