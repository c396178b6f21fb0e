package web_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/dashboard"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

// gapSentences is the text of the page's lists of gap sentences.
func gapSentences(body string) string {
	return strings.Join(regexp.MustCompile(`(?s)<ul class="gaps">.*?</ul>`).FindAllString(body, -1), "\n")
}

// TestDashboardGapSaysWhichSide: the equity_gap panel words a gap as the
// indicator page does (progress.GapWords): Asian students are ahead of
// White students, which a signed "-1.8 points" left to the reader.
func TestDashboardGapSaysWhichSide(t *testing.T) {
	a := newApp(t)
	body, _ := a.get("/p/anchorage-90-by-2020/dashboards/graduation", 200)
	words := gapSentences(body)
	mustContain(t, "gap sentences", words,
		"Asian: gap widening (ahead of White by 1.8 points in 2016, ahead by 2.9 points in 2017)",
		"Alaska Native/American Indian: gap closing (behind White by 29.7 points in 2016, behind by 22.6 points in 2017)")
	mustNotContain(t, "gap sentences", words, "-1.8", "(29.7 points in 2016")
}

// TestDashboardSubgroupShowsSuppression: a public dashboard's subgroup
// panel marks suppressed figures exactly as the indicator page does, and
// shows no gap (that is the equity_gap panel's part).
func TestDashboardSubgroupShowsSuppression(t *testing.T) {
	db := storetest.SQLite(t)
	if _, err := db.SaveBundle(context.Background(), smallCellBundle(), "test"); err != nil {
		t.Fatal(err)
	}
	ds := []*dashboard.Dashboard{{Partnership: "small-cells", Slug: "groups", Title: "Groups", Audience: dashboard.AudiencePublic,
		Panels: []dashboard.Panel{{Type: dashboard.PanelSubgroup, Indicator: "grad", Dimension: "Race"}}, File: "small-cells/groups.yaml"}}
	a := serveApp(t, db, ds)
	dash, _ := a.get("/p/small-cells/dashboards/groups", 200)
	page, _ := a.get("/p/small-cells/indicators/grad", 200)
	table := func(body string) string {
		i := strings.Index(body, "<table class=\"data compact\">\n<caption>Graduation rate by Race")
		if i < 0 {
			t.Fatalf("no subgroup table in %.300s", body)
		}
		return body[i : i+strings.Index(body[i:], "</table>")]
	}
	if got, want := table(dash), table(page); got != want {
		t.Errorf("dashboard table\n%s\nindicator page table\n%s", got, want)
	}
	if got := strings.Count(table(dash), "suppressed (n &lt; 10)"); got != 2 {
		t.Errorf("dashboard table: %d cells say suppressed, want 2", got)
	}
	mustContain(t, "dashboard", dash, "B, 2020: suppressed (n &lt; 10)", `id="panel-1-lines"`, `id="panel-1-bars"`)
	mustNotContain(t, "dashboard", dash, "42.86", "54.72", "Equity gap", `-gap"`, `class="gaps"`)
}
