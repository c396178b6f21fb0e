package export_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/seed"
)

// member is the audience that sees every figure.
var member = report.Audience{Member: true, SmallCells: true}

func seedBundles(t testing.TB) []*domain.Bundle {
	t.Helper()
	bundles, err := seed.Load(os.DirFS("../../seed"))
	if err != nil {
		t.Fatal(err)
	}
	if len(bundles) == 0 {
		t.Fatal("no seed partnerships")
	}
	return bundles
}

func ptr(v float64) *float64 { return &v }

func base(inds ...domain.Indicator) *domain.Bundle {
	return &domain.Bundle{
		Partnership: domain.Partnership{Slug: "p", Name: "Partnership", SuppressionThreshold: 10, Published: true},
		Partners:    []domain.Partner{{Slug: "uw", Name: "United Way", Sector: "nonprofit"}},
		Goals:       []domain.Goal{{Slug: "g", Title: "Graduate"}},
		Indicators:  inds,
	}
}

func indicator(slug, name string, unit domain.Unit) domain.Indicator {
	return domain.Indicator{Slug: slug, Goal: "g", Name: name, Unit: unit, Decimals: 1, Direction: domain.HigherIsBetter,
		Method: domain.MethodLinear, Kind: domain.KindCore}
}

func figure(ind string, year int, dim, group string, v float64, num, den *float64) domain.Measurement {
	return domain.Measurement{Indicator: ind, Year: year, Dimension: dim, Group: group, Value: v,
		Numerator: num, Denominator: den, Status: domain.StatusApproved, Source: "https://example.org/data"}
}

// smallCells has one group of 5 students under a threshold of 10 (A), and
// a second group (B) that complementary suppression hides with it.
func smallCells() *domain.Bundle {
	b := base(indicator("grad", "Graduation rate", domain.UnitPercent))
	b.Measurements = []domain.Measurement{
		figure("grad", 2019, "", "", 84, ptr(420), ptr(500)),
		figure("grad", 2019, "Race", "A", 60, ptr(3), ptr(5)),
		figure("grad", 2019, "Race", "B", 80, ptr(160), ptr(200)),
		figure("grad", 2019, "Race", "C", 90, ptr(265.5), ptr(295)),
	}
	return b
}

// hostile has text cells a spreadsheet would run and a negative value.
var hostileNotes = []string{`=HYPERLINK("http://evil.example","click")`, "+1", "-x", "@SUM(A1)", "\tx", "\rx", "'=quoted", "plain"}

func hostile() *domain.Bundle {
	b := base(indicator("score", `=cmd|'/C calc'!A0 [x]:*?/\`, domain.UnitScore))
	for i, note := range hostileNotes {
		m := figure("score", 2010+i, "", "", float64(i), nil, nil)
		m.Note = note
		b.Measurements = append(b.Measurements, m)
	}
	b.Measurements = append(b.Measurements, figure("score", 2030, "", "", -3.5, nil, nil))
	return b
}

// synthetic has nInd indicators × nYears years × nGroups groups (plus the
// all-groups figure each year), every figure with a numerator and a
// denominator large enough to show.
func synthetic(nInd, nYears, nGroups int) *domain.Bundle {
	b := base()
	for i := range nInd {
		slug := fmt.Sprintf("indicator-%d", i)
		b.Indicators = append(b.Indicators, indicator(slug, fmt.Sprintf("Indicator number %d with a long name", i), domain.UnitPercent))
		for y := range nYears {
			b.Measurements = append(b.Measurements, figure(slug, 2000+y, "", "", 75.5, ptr(755), ptr(1000)))
			for g := range nGroups {
				m := figure(slug, 2000+y, "Race/ethnicity", fmt.Sprintf("Group %d", g), 62.5, ptr(125), ptr(200))
				m.Note = "from the state report card"
				b.Measurements = append(b.Measurements, m)
			}
		}
	}
	return b
}
