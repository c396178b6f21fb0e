package store_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

// The figures below are made up for the tests; they are not data.

var entered = time.Date(2024, 3, 1, 9, 30, 0, 123456000, time.FixedZone("AKST", -9*3600))

func num(v float64) *float64 { return &v }

// sampleBundle is a small partnership touching every table and column: two
// partners, a goal, a core and a contributing indicator with baseline,
// target, interim targets and annotations, figures with and without
// subgroups and numerator/denominator, and comparison figures. Its slices
// are in the order Bundle returns them.
func sampleBundle(slug string) *domain.Bundle {
	return &domain.Bundle{
		Partnership: domain.Partnership{
			Slug: slug, Name: "Sample Partnership " + slug, Region: "Test Valley", Vision: "Every student graduates.",
			Backbone: "united-way", SuppressionThreshold: 10, Published: true,
		},
		Partners: []domain.Partner{
			{Slug: "school-district", Name: "School District", Sector: "education", Website: "https://district.example.org",
				Contributes: []string{"graduation-rate", "chronic-absence"}},
			{Slug: "united-way", Name: "United Way", Sector: "nonprofit", Description: "The backbone.",
				Contributes: []string{"graduation-rate"}},
		},
		Goals: []domain.Goal{{Slug: "graduation", Title: "Students graduate", Description: "On time.", Position: 1}},
		Indicators: []domain.Indicator{
			{Slug: "graduation-rate", Goal: "graduation", Name: "Graduation rate", Definition: "4-year cohort",
				Unit: domain.UnitPercent, Decimals: 1, Direction: domain.HigherIsBetter, Method: domain.MethodLinear,
				Baseline: &domain.YearValue{Year: 2010, Value: 60}, Target: &domain.YearValue{Year: 2030, Value: 90},
				TargetNote: "Set in 2010", Interim: []domain.YearValue{{Year: 2020, Value: 75}, {Year: 2025, Value: 82.5}},
				Source: "https://data.example.org", Caveats: "Cohort rules changed.", Steward: "school-district",
				Kind: domain.KindCore, Annotations: []domain.Annotation{{Year: 2015, Text: "New cohort method", Break: true}},
				Position: 1},
			{Slug: "chronic-absence", Goal: "graduation", Name: "Chronic absence", Unit: domain.UnitRate, RatePer: 1000,
				Direction: domain.LowerIsBetter, Method: domain.MethodCAGR, Kind: domain.KindContributing,
				Predicts: "graduation-rate", Position: 2},
		},
		Measurements: []domain.Measurement{
			{Indicator: "graduation-rate", Year: 2010, Value: 60, Status: domain.StatusApproved, EnteredBy: "ana", EnteredAt: entered},
			{Indicator: "graduation-rate", Year: 2011, Value: 62.5, Numerator: num(250), Denominator: num(400),
				Note: "provisional", Source: "https://data.example.org/2011", Status: domain.StatusSubmitted},
			{Indicator: "graduation-rate", Year: 2010, Dimension: "Income", Group: "Low income", Value: 50,
				Numerator: num(50), Denominator: num(100), Status: domain.StatusApproved, EnteredBy: "ana", EnteredAt: entered},
			{Indicator: "graduation-rate", Year: 2010, Dimension: "Race/ethnicity", Group: "Alaska Native", Value: 45.5,
				Status: domain.StatusDraft, EnteredBy: "ana", EnteredAt: entered},
			{Indicator: "chronic-absence", Year: 2012, Value: 12.5, Numerator: num(5), Denominator: num(400),
				Status: domain.StatusApproved, EnteredBy: "ben", EnteredAt: entered},
		},
		Comparisons: []domain.Comparison{
			{Indicator: "graduation-rate", Geography: "State", Year: 2010, Value: 70, Source: "https://state.example.org"},
			{Indicator: "graduation-rate", Geography: "State", Dimension: "Income", Group: "Low income", Year: 2010, Value: 55, Note: "estimate"},
		},
	}
}

// wantStored is b as the store returns it: entry times in UTC, and figures
// the bundle left without an entry stamped by the save's actor and clock.
func wantStored(b *domain.Bundle, actor string, at time.Time) *domain.Bundle {
	w := *b
	w.Measurements = make([]domain.Measurement, len(b.Measurements))
	for i, m := range b.Measurements {
		if m.EnteredAt.IsZero() {
			m.EnteredAt = at
		}
		if m.EnteredBy == "" {
			m.EnteredBy = actor
		}
		m.EnteredAt = m.EnteredAt.UTC()
		w.Measurements[i] = m
	}
	return &w
}

// clearIDs zeroes the row IDs, which the tests cannot predict.
func clearIDs(b *domain.Bundle) {
	b.Partnership.ID = 0
	for i := range b.Partners {
		b.Partners[i].ID = 0
	}
	for i := range b.Goals {
		b.Goals[i].ID = 0
	}
	for i := range b.Indicators {
		b.Indicators[i].ID = 0
	}
	for i := range b.Measurements {
		b.Measurements[i].ID = 0
	}
	for i := range b.Comparisons {
		b.Comparisons[i].ID = 0
	}
}

// checkBundle compares got with want part by part, ignoring IDs.
func checkBundle(t *testing.T, got, want *domain.Bundle) {
	t.Helper()
	clearIDs(got)
	parts := []struct {
		name      string
		got, want any
	}{
		{"partnership", got.Partnership, want.Partnership},
		{"partners", got.Partners, want.Partners},
		{"goals", got.Goals, want.Goals},
		{"indicators", got.Indicators, want.Indicators},
		{"measurements", got.Measurements, want.Measurements},
		{"comparisons", got.Comparisons, want.Comparisons},
	}
	for _, p := range parts {
		if !reflect.DeepEqual(p.got, p.want) {
			t.Errorf("%s:\n got %s\nwant %s", p.name, asJSON(p.got), asJSON(p.want))
		}
	}
}

func asJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}

// fixedClock returns a clock reading t until advanced.
type fixedClock struct{ t atomic.Pointer[time.Time] }

func newClock(t time.Time) *fixedClock {
	c := &fixedClock{}
	c.set(t)
	return c
}

func (c *fixedClock) set(t time.Time)        { c.t.Store(&t) }
func (c *fixedClock) Now() time.Time         { return *c.t.Load() }
func (c *fixedClock) options() store.Options { return store.Options{Now: c.Now} }

// counter counts statements through OnQuery.
type counter struct{ n atomic.Int64 }

func countQueries(db *store.DB) *counter {
	c := &counter{}
	db.OnQuery(func() { c.n.Add(1) })
	return c
}

func (c *counter) reset() int64 { return c.n.Swap(0) }
