package web_test

import (
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/impactboard/impactboard/pkg/browsertest"
	"github.com/impactboard/impactboard/pkg/domain"
)

const betterTogetherGraduation = "/p/better-together-central-oregon/indicators/hs-graduation-4yr"

// TestIndicatorBarsShowTheFullestYear: the latest year of any district
// (2024) has two of six, of any school (2023) one of ten; the bars show the
// latest year with the most groups instead, and say why.
func TestIndicatorBarsShowTheFullestYear(t *testing.T) {
	a := newApp(t)
	body, _ := a.get(betterTogetherGraduation, 200)
	tests := []struct{ id, want string }{
		{"dim-0-bars", `"subtext":"2018: the latest year with figures for the most groups"`},
		{"dim-1-bars", `"subtext":"2023: the latest year with figures for the most groups"`},
	}
	for _, tt := range tests {
		if opt := chartOption(t, body, tt.id); !strings.Contains(opt, tt.want) {
			t.Errorf("%s: option lacks %s", tt.id, tt.want)
		}
	}
}

// smallCellBundle is a published partnership (threshold 10) whose 2020
// figure for group B has 7 students, and whose group C is then hidden too
// (complementary suppression): neither value may appear anywhere.
func smallCellBundle() *domain.Bundle {
	m := func(year int, group string, num, den float64) domain.Measurement {
		return domain.Measurement{Indicator: "grad", Year: year, Value: math.Round(1e4*num/den) / 100, Dimension: "Race",
			Group: group, Numerator: &num, Denominator: &den, Status: domain.StatusApproved}
	}
	return &domain.Bundle{
		Partnership: domain.Partnership{Slug: "small-cells", Name: "Small cells", SuppressionThreshold: 10, Published: true},
		Goals:       []domain.Goal{{Slug: "g", Title: "Graduation"}},
		Indicators: []domain.Indicator{{Slug: "grad", Goal: "g", Name: "Graduation rate", Unit: domain.UnitPercent, Decimals: 2,
			Direction: domain.HigherIsBetter, Method: domain.MethodLinear, Kind: domain.KindCore}},
		Measurements: []domain.Measurement{
			m(2019, "A", 80, 100), m(2019, "B", 40, 50), m(2019, "C", 60, 80),
			m(2020, "A", 85, 100), m(2020, "B", 3, 7), m(2020, "C", 29, 53), // 42.86 and 54.72 are hidden
		},
	}
}

func TestIndicatorSubgroupsShowSuppression(t *testing.T) {
	a := newApp(t, smallCellBundle())
	body, _ := a.get("/p/small-cells/indicators/grad", 200)
	i := strings.Index(body, "(data table for the charts above)")
	if i < 0 {
		t.Fatal("no subgroup table")
	}
	table := body[i : i+strings.Index(body[i:], "</table>")]
	if got := strings.Count(table, "suppressed (n &lt; 10)"); got != 2 {
		t.Errorf("subgroup table: %d cells say suppressed, want 2 (B and C in 2020):\n%s", got, table)
	}
	mustContain(t, "page", body, "B, 2020: suppressed (n &lt; 10)", "C, 2020: suppressed (n &lt; 10)")
	mustNotContain(t, "page", body, "42.86", "54.72", "29 / 53", "3 / 7")
	opt := chartOption(t, body, "dim-0-lines")
	if !strings.Contains(opt, `"suppressed":{"B":[1],"C":[1]}`) {
		t.Errorf("lines chart does not mark 2020 of B and C suppressed: %s", opt)
	}
}

// TestIndicatorGapInPoints: the gap axis is in percentage points, as the
// tables are, and a district that was ahead of the reference (Crook County,
// 46% in 2015) and is now behind is not said to be "closing" a gap.
func TestIndicatorGapInPoints(t *testing.T) {
	a := newApp(t)
	body, _ := a.get(betterTogetherGraduation, 200)
	opt := chartOption(t, body, "dim-1-gap")
	mustContain(t, "gap chart", opt, `"formatter":"{value} pp"`)
	mustNotContain(t, "gap chart", opt, `"formatter":"{value}%"`)
	mustContain(t, "page", body, "Bend-La Pine Schools: was ahead of Crook County School District by 31.2 points in 2015; now behind by 13.7 points in 2023")
	mustNotContain(t, "page", body, "Bend-La Pine Schools: gap closing")
}

// TestIndicatorSeriesBreakOnEveryChart: Oregon's 2014 method change is
// drawn on the school lines and gap charts, not only the progress chart.
func TestIndicatorSeriesBreakOnEveryChart(t *testing.T) {
	a := newApp(t)
	body, _ := a.get(betterTogetherGraduation, 200)
	for _, id := range []string{"dim-0-lines", "dim-0-gap", "dim-1-lines"} {
		mustContain(t, id, chartOption(t, body, id), `"xAxis":"2014"`, `"formatter":"Series break"`)
	}
}

// printLegends reads each chart's legend type and grid top after the event.
const printLegends = `((event) => {
	window.dispatchEvent(new Event(event));
	const out = {};
	for (const [id, c] of Object.entries(window.impactboardCharts)) {
		const o = c.getOption();
		if (o.legend && o.legend[0] && o.legend[0].show !== false) {
			out[id] = o.legend[0].type + " " + o.grid[0].top;
		}
	}
	return out;
})`

// TestBrowserPrintShowsWholeLegends: a paged legend prints only its first
// page, leaving lines unnamed; in print every legend is plain (wrapped,
// the plot moved down for its rows), and back to paged after printing.
func TestBrowserPrintShowsWholeLegends(t *testing.T) {
	ctx := browsertest.Start(t)
	a := newApp(t)
	tb := visit(t, ctx, a.srv.URL+betterTogetherGraduation)
	read := func(event string) map[string]string {
		got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[map[string]string](printLegends+`("`+event+`")`))
		if err != nil {
			t.Fatalf("%s: %v", event, err)
		}
		return got
	}
	before, printed, after := read("resize"), read("beforeprint"), read("afterprint")
	if len(before) == 0 {
		t.Fatal("no chart with a legend")
	}
	for id, b := range before {
		if !strings.HasPrefix(b, "scroll ") || after[id] != b {
			t.Errorf("%s: legend on screen %q, after printing %q; want scroll both times", id, b, after[id])
		}
		if !strings.HasPrefix(printed[id], "plain ") {
			t.Errorf("%s: legend in print %q, want plain", id, printed[id])
		}
	}
	// Ten schools do not fit one row of the paper's width.
	if p := printed["dim-0-lines"]; p == "plain 64" {
		t.Errorf("school lines: grid top in print %q, want it below a legend of several rows", p)
	}
}
