package web_test

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

// formulaBundle is a published partnership whose figures have text cells
// a spreadsheet would run, and a negative value, which is a number.
func formulaBundle() *domain.Bundle {
	m := func(year int, v float64, dim, group, note string) domain.Measurement {
		return domain.Measurement{Indicator: "change-score", Year: year, Value: v, Dimension: dim, Group: group,
			Note: note, Status: domain.StatusApproved}
	}
	return &domain.Bundle{
		Partnership: domain.Partnership{Slug: "formula-test", Name: "Formula test", SuppressionThreshold: 10, Published: true},
		Goals:       []domain.Goal{{Slug: "scores", Title: "Scores"}},
		Indicators: []domain.Indicator{{Slug: "change-score", Goal: "scores", Name: "Change score", Unit: domain.UnitScore,
			Direction: domain.HigherIsBetter, Method: domain.MethodLinear, Kind: domain.KindCore}},
		Measurements: []domain.Measurement{
			m(2018, -3.5, "", "", "=SUM(A1)"),
			m(2019, -1, "@Dim", "-5 points", "'tis"),
			m(2020, 2, "", "", "+1 on last year"),
		},
	}
}

func TestIndicatorCSVNeutralisesFormulas(t *testing.T) {
	a := newApp(t, formulaBundle())
	body, _ := a.get("/p/formula-test/indicators/change-score/data.csv", 200)
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("read csv: %v", err)
	}
	// indicator, year, dimension, group, value, numerator, denominator, note, source, status
	want := [][]string{
		{"change-score", "2018", "", "", "-3.5", "", "", "'=SUM(A1)", "", "approved"},
		{"change-score", "2019", "'@Dim", "'-5 points", "-1", "", "", "''tis", "", "approved"},
		{"change-score", "2020", "", "", "2", "", "", "'+1 on last year", "", "approved"},
	}
	got := map[string][]string{}
	for _, r := range rows[1:] {
		got[r[1]] = r
	}
	for _, w := range want {
		if g := strings.Join(got[w[1]], "|"); g != strings.Join(w, "|") {
			t.Errorf("row %s = %q, want %q", w[1], g, strings.Join(w, "|"))
		}
	}
}
