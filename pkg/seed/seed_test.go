package seed

import (
	"os"
	"slices"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

const (
	anchorage      = "anchorage-90-by-2020"
	betterTogether = "better-together-central-oregon"
)

// mustLoadSeed loads the real seed/ folder of the repository.
func mustLoadSeed(tb testing.TB) map[string]*domain.Bundle {
	tb.Helper()
	bundles, err := Load(os.DirFS("../../seed"))
	if err != nil {
		tb.Fatalf("Load(seed): %v", err)
	}
	out := map[string]*domain.Bundle{}
	for _, b := range bundles {
		out[b.Partnership.Slug] = b
	}
	return out
}

func TestLoadRealSeed(t *testing.T) {
	bundles, err := Load(os.DirFS("../../seed"))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	var slugs []string
	for _, b := range bundles {
		slugs = append(slugs, b.Partnership.Slug)
		if err := b.Validate(); err != nil {
			t.Errorf("%s: Validate: %v", b.Partnership.Slug, err)
		}
	}
	if want := []string{anchorage, betterTogether}; !slices.Equal(slugs, want) {
		t.Fatalf("slugs = %v, want %v", slugs, want)
	}
}

func TestRealSeedCounts(t *testing.T) {
	bundles := mustLoadSeed(t)
	tests := []struct {
		slug                                                   string
		measurements, comparisons, indicators, partners, goals int
	}{
		{anchorage, 37, 81, 12, 17, 4},
		{betterTogether, 109, 91, 11, 14, 4},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			b := bundles[tt.slug]
			if b == nil {
				t.Fatalf("no bundle %s", tt.slug)
			}
			got := []int{len(b.Measurements), len(b.Comparisons), len(b.Indicators), len(b.Partners), len(b.Goals)}
			want := []int{tt.measurements, tt.comparisons, tt.indicators, tt.partners, tt.goals}
			if !slices.Equal(got, want) {
				t.Errorf("measurements, comparisons, indicators, partners, goals = %v, want %v", got, want)
			}
		})
	}
}

func TestRealSeedFigures(t *testing.T) {
	for slug, b := range mustLoadSeed(t) {
		for i, m := range b.Measurements {
			if m.Status != domain.StatusApproved || m.EnteredBy != SeedUser || m.Source == "" {
				t.Errorf("%s measurement %d: status %q, entered by %q, source %q; want approved, seed and a source", slug, i+1, m.Status, m.EnteredBy, m.Source)
			}
		}
		for i, c := range b.Comparisons {
			if c.Source == "" {
				t.Errorf("%s comparison %d has no source", slug, i+1)
			}
		}
	}
}

func TestAnchorageGraduationSeries(t *testing.T) {
	b := mustLoadSeed(t)[anchorage]
	got := map[int]float64{}
	for _, m := range b.Measurements {
		if m.Indicator == "hs-graduation-4yr" && m.AllGroups() {
			got[m.Year] = m.Value
		}
	}
	want := map[int]float64{2005: 59, 2011: 72, 2012: 73, 2013: 76, 2015: 80.2, 2016: 79.7, 2017: 81.4, 2018: 80.7, 2019: 84}
	if len(got) != len(want) {
		t.Errorf("got %d years %v, want %d", len(got), got, len(want))
	}
	for year, v := range want {
		if got[year] != v {
			t.Errorf("%d: got %v, want %v", year, got[year], v)
		}
	}
	ind, _ := b.Indicator("hs-graduation-4yr")
	if ind.Baseline == nil || *ind.Baseline != (domain.YearValue{Year: 2005, Value: 59}) {
		t.Errorf("baseline = %v, want 2005: 59", ind.Baseline)
	}
	if ind.Target == nil || *ind.Target != (domain.YearValue{Year: 2020, Value: 90}) {
		t.Errorf("target = %v, want 2020: 90", ind.Target)
	}
}

func TestBetterTogetherDistricts(t *testing.T) {
	b := mustLoadSeed(t)[betterTogether]
	var got []string
	for _, m := range b.Measurements {
		if m.Indicator == "hs-graduation-4yr" && m.Dimension == "District" && !slices.Contains(got, m.Group) {
			got = append(got, m.Group)
		}
		if m.Group == "Crook County School District" && m.Year == 2014 {
			t.Errorf("Crook County 2014 (withdrawn by the district) is in the seed: %+v", m)
		}
	}
	slices.Sort(got)
	want := []string{"Bend-La Pine Schools", "Crook County School District", "Culver School District",
		"Jefferson County School District 509J", "Redmond School District", "Sisters School District"}
	if !slices.Equal(got, want) {
		t.Errorf("districts = %v, want %v", got, want)
	}
	ind, _ := b.Indicator("hs-graduation-4yr")
	if !slices.Contains(ind.Annotations, domain.Annotation{Year: 2014, Text: "Oregon changed its graduation-rate method in 2014 (about +3 to 4 points)", Break: true}) {
		t.Errorf("annotations = %v, want the 2014 method break", ind.Annotations)
	}
}
