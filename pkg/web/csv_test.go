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

// TestChartCSV: each chart's CSV holds exactly that chart's series: the
// progress chart's comparison geography, the gaps, the bars' one year,
// with suppressed values said to be suppressed and never shown.
func TestChartCSV(t *testing.T) {
	a := newApp(t, smallCellBundle(), formulaBundle())
	const anchorage = "/p/anchorage-90-by-2020/indicators/hs-graduation-4yr/data.csv"
	const bt = "/p/better-together-central-oregon/indicators/hs-graduation-4yr/data.csv"
	const small = "/p/small-cells/indicators/grad/data.csv"
	tests := []struct {
		path      string
		want, bad []string
	}{
		{anchorage + "?chart=progress", []string{"hs-graduation-4yr,progress,,Actual,2019,84", ",progress,,Target,2020,90", ",progress,,Glide path,", ",progress,,Alaska,2012,70"},
			[]string{"Race/ethnicity"}},
		{bt + "?chart=gap&dimension=District", []string{"hs-graduation-4yr,gap,District,Bend-La Pine Schools,2015,-31.2", "Bend-La Pine Schools,2023,13.7"},
			[]string{",Crook County School District,"}},
		{bt + "?chart=bars&dimension=District", []string{"bars,District,Culver School District,2023,92"}, []string{",2024,", ",2022,"}},
		{bt + "?chart=subgroup&dimension=School", []string{"subgroup,School,La Pine High School,2018,77.14"}, []string{",District,"}},
		{small + "?chart=subgroup&dimension=Race", []string{"subgroup,Race,B,2020,suppressed", "subgroup,Race,C,2020,suppressed", "B,2019,80"},
			[]string{"42.86", "54.72"}},
		{small + "?chart=gap&dimension=Race", []string{"gap,Race,B,2020,suppressed"}, []string{"42.86", "54.72"}},
		{"/p/formula-test/indicators/change-score/data.csv?chart=subgroup&dimension=@Dim", []string{"change-score,subgroup,'@Dim,'-5 points,2019,-1"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			body, h := a.get(tt.path, 200)
			if !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
				t.Errorf("content type = %q", h.Get("Content-Type"))
			}
			if first, _, _ := strings.Cut(body, "\n"); first != "indicator,chart,dimension,series,year,value" {
				t.Errorf("header = %q", first)
			}
			mustContain(t, tt.path, body, tt.want...)
			mustNotContain(t, tt.path, body, tt.bad...)
		})
	}
	page, _ := a.get("/p/better-together-central-oregon/indicators/hs-graduation-4yr", 200)
	mustContain(t, "page", page, `href="`+bt+`?chart=progress"`, `href="`+bt+`?chart=gap&amp;dimension=District"`,
		`href="`+bt+`?chart=bars&amp;dimension=School"`, `href="`+bt+`?chart=subgroup&amp;dimension=School"`)
	for _, path := range []string{bt + "?chart=gap&dimension=Nope", bt + "?chart=nope&dimension=District"} {
		a.get(path, 404)
	}
}
