package web_test

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

func TestHomeListsPartnerships(t *testing.T) {
	a := newApp(t)
	body, h := a.get("/", 200)
	mustContain(t, "home", body, "90% by 2020", `href="/p/anchorage-90-by-2020"`, `href="/p/better-together-central-oregon"`)
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP = %q, want script-src 'self'", csp)
	}
}

func TestOverviewAnchorage(t *testing.T) {
	a := newApp(t)
	body, _ := a.get("/p/anchorage-90-by-2020", 200)
	mustContain(t, "overview", body,
		"indicators moving in the right direction",
		`href="/p/anchorage-90-by-2020/indicators/hs-graduation-4yr"`,
		"Acceleration needed", "84%", "Target 90% by 2020",
		`data-echarts-option=`,
		"Partner × indicator contributions", "United Way of Anchorage",
		`href="/p/anchorage-90-by-2020/dashboards/graduation"`,
	)
	// The board dashboard is not for the public.
	mustNotContain(t, "overview", body, "/dashboards/board-summary")
}

func TestIndicatorPageAnchorage(t *testing.T) {
	a := newApp(t)
	body, _ := a.get("/p/anchorage-90-by-2020/indicators/hs-graduation-4yr", 200)
	mustContain(t, "indicator", body,
		"Acceleration needed", "rose from 59% (2005) to 84% (2019)",
		`id="progress-hs-graduation-4yr"`, `role="img"`,
		"/p/anchorage-90-by-2020/indicators/hs-graduation-4yr/data.csv",
		"By Race/ethnicity", "Equity gap",
		"https://northernlightscfc.givecfc.org/", // the source of the 2019 figure
		"preliminary",
	)
	opt := chartOption(t, body, "progress-hs-graduation-4yr")
	for _, want := range []string{`"name":"Actual"`, `"name":"Glide path"`, `"name":"Target"`, `"name":"Projection"`, "59", "80.2", "84"} {
		if !strings.Contains(opt, want) {
			t.Errorf("progress chart option lacks %s", want)
		}
	}
	assertOnlyLocalResources(t, body)
}

func TestIndicatorPageBetterTogether(t *testing.T) {
	a := newApp(t)
	body, _ := a.get("/p/better-together-central-oregon/indicators/hs-graduation-4yr", 200)
	mustContain(t, "indicator", body, "By District", "Series break", "2014",
		"Bend-La Pine Schools", "Redmond School District", "Crook County School District",
		"Jefferson County School District 509J", "Sisters School District", "Culver School District",
		"Illustrative target")
}

func TestGoalPartnerAboutDashboardPages(t *testing.T) {
	a := newApp(t)
	tests := []struct{ path, want1, want2 string }{
		{"/p/anchorage-90-by-2020/goals/graduation", "Scorecard", "hs-graduation-4yr"},
		{"/p/anchorage-90-by-2020/partners/united-way-of-anchorage", "backbone organization", "Contributes to"},
		{"/about", "acceleration needed", "glide path"},
		{"/p/anchorage-90-by-2020/dashboards/graduation", "Graduation", "data-echarts-option"},
		{"/p/better-together-central-oregon/dashboards/graduation", "By District", "data-echarts-option"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			body, _ := a.get(tt.path, 200)
			mustContain(t, tt.path, strings.ToLower(body), strings.ToLower(tt.want1), strings.ToLower(tt.want2))
			assertOnlyLocalResources(t, body)
		})
	}
}

func TestNotFoundPages(t *testing.T) {
	a := newApp(t)
	for _, path := range []string{
		"/p/nope", "/p/anchorage-90-by-2020/indicators/nope", "/p/anchorage-90-by-2020/goals/nope",
		"/p/anchorage-90-by-2020/partners/nope", "/p/anchorage-90-by-2020/dashboards/nope",
		"/p/anchorage-90-by-2020/dashboards/board-summary", "/no/such/page", "/static/nope.js",
	} {
		body, h := a.get(path, 404)
		if !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			t.Errorf("%s: content type %q, want an HTML error page", path, h.Get("Content-Type"))
		}
		mustContain(t, path, body, "Not Found")
	}
}

func TestIndicatorCSV(t *testing.T) {
	a := newApp(t)
	body, h := a.get("/p/anchorage-90-by-2020/indicators/hs-graduation-4yr/data.csv", 200)
	if !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
		t.Errorf("content type = %q", h.Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if lines[0] != "indicator,year,dimension,group,value,numerator,denominator,note,source,status" {
		t.Errorf("header = %q", lines[0])
	}
	mustContain(t, "csv", body, "hs-graduation-4yr,2005,,,59,", "hs-graduation-4yr,2019,,,84,")
}

var optionAttr = regexp.MustCompile(`id="([^"]+)"[^>]*data-echarts-option="([^"]*)"`)

// chartOption returns the unescaped option JSON of the chart with the given id.
func chartOption(t *testing.T, body, id string) string {
	t.Helper()
	for _, m := range optionAttr.FindAllStringSubmatch(body, -1) {
		if m[1] == id {
			return html.UnescapeString(m[2])
		}
	}
	t.Fatalf("no chart %q in page", id)
	return ""
}

var resourceAttr = regexp.MustCompile(`<(?:script|img|iframe|link)[^>]+(?:src|href)="([^"]+)"`)

// assertOnlyLocalResources fails if the page loads anything from another host.
func assertOnlyLocalResources(t *testing.T, body string) {
	t.Helper()
	for _, m := range resourceAttr.FindAllStringSubmatch(body, -1) {
		if !strings.HasPrefix(m[1], "/") || strings.HasPrefix(m[1], "//") {
			t.Errorf("page loads %q from outside the server", m[1])
		}
	}
}

// dashboardPanels splits a dashboard page into its panels, in order, each
// keyed by its type.
func dashboardPanels(body string) (types []string, panels []string) {
	parts := strings.Split(body, `<section class="panel panel-`)
	for _, p := range parts[1:] {
		typ, rest, _ := strings.Cut(p, `"`)
		types, panels = append(types, typ), append(panels, rest)
	}
	return types, panels
}

// TestDashboardPanelsShowOnlyTheirPart: each panel type shows what its name
// says and nothing another panel shows, so the Anchorage graduation
// dashboard has one subgroup view, one equity gap (from White, as its file
// says) and one full figures table.
func TestDashboardPanelsShowOnlyTheirPart(t *testing.T) {
	a := newApp(t)
	body, _ := a.get("/p/anchorage-90-by-2020/dashboards/graduation", 200)
	types, panels := dashboardPanels(body)
	if want := []string{"headline", "progress", "subgroup", "equity_gap", "scorecard", "table"}; strings.Join(types, ",") != strings.Join(want, ",") {
		t.Fatalf("panels %v, want %v", types, want)
	}
	const (
		subgroupHead = "By Race/ethnicity"
		gapHead      = "Equity gap by Race/ethnicity: distance from White"
		figures      = "every figure, with its source"
		seriesTable  = "(data table for the chart above)"
		groupTable   = "(data table for the charts above)"
		gapTable     = "Gap to White by year"
	)
	for _, s := range []string{subgroupHead, gapHead, figures, seriesTable, groupTable, gapTable, `<p class="headline">`, "Scorecard: "} {
		if n := strings.Count(body, s); n != 1 {
			t.Errorf("%q appears %d times on the page, want once", s, n)
		}
	}
	mustNotContain(t, "dashboard", body, "distance from Asian", "Gap to Asian")
	checks := map[string]struct{ want, bad []string }{
		"headline":   {want: []string{"indicators moving in the right direction"}, bad: []string{"data-echarts-option", "<table"}},
		"progress":   {want: []string{`id="panel-2"`, "Acceleration needed", seriesTable, "Glide path", "Projection", "<th scope=\"row\">2019</th>"}, bad: []string{figures, subgroupHead, "gaps", "shown for context"}},
		"subgroup":   {want: []string{`id="panel-3-lines"`, `id="panel-3-bars"`, groupTable, "Alaska Native"}, bad: []string{"Equity gap", "-gap\"", figures}},
		"equity_gap": {want: []string{`id="panel-4-gap"`, gapHead, gapTable, `<ul class="gaps">`, "Alaska Native/American Indian: gap"}, bad: []string{"-lines\"", "-bars\"", "White: ", figures}},
		"scorecard":  {want: []string{"Scorecard: ", "hs-graduation-4yr"}, bad: []string{"data-echarts-option"}},
		"table":      {want: []string{figures, "https://northernlightscfc.givecfc.org/", "Download every figure (CSV)"}, bad: []string{"data-echarts-option"}},
	}
	for i, typ := range types {
		c := checks[typ]
		mustContain(t, "panel "+typ, panels[i], c.want...)
		mustNotContain(t, "panel "+typ, panels[i], c.bad...)
	}
	if opt := chartOption(t, body, "panel-4-gap"); !strings.Contains(opt, "White") {
		t.Errorf("gap chart option does not name its reference White: %.300s", opt)
	}
}

// TestDashboardProgressTableIsThePlottedSeries: the progress panel's table
// holds the chart's series, not the subgroup figures the table panel lists.
// Better Together has no all-groups graduation figure, so its chart (and
// table) hold the target and the Oregon comparison only.
func TestDashboardProgressTableIsThePlottedSeries(t *testing.T) {
	a := newApp(t)
	body, _ := a.get("/p/better-together-central-oregon/dashboards/graduation", 200)
	types, panels := dashboardPanels(body)
	if len(types) == 0 || types[0] != "progress" {
		t.Fatalf("first panel %v, want progress", types)
	}
	mustContain(t, "progress panel", panels[0], `(data table for the chart above)</caption>`,
		`<th scope="col" class="num">Target</th><th scope="col" class="num">Oregon</th></tr>`,
		"its only line is Oregon, shown for context")
	mustNotContain(t, "progress panel", panels[0], `class="num">Actual</th>`, "Bend-La Pine Schools", "every figure, with its source", "Equity gap")
	if n := strings.Count(body, "Equity gap"); n != 0 {
		t.Errorf("a dashboard without an equity_gap panel shows %d equity gaps", n)
	}
	if n := strings.Count(body, "By District"); n != 1 {
		t.Errorf("By District appears %d times, want once (one subgroup panel)", n)
	}
}

// TestBoardSummaryGapUsesItsReference: the board dashboard's equity gap is
// measured from the group its file names (non-Native students), and its
// subgroup panel of another indicator shows no gap of its own.
func TestBoardSummaryGapUsesItsReference(t *testing.T) {
	a := newApp(t)
	c, _ := a.signIn("board@example.org", "anchorage-90-by-2020", "board", "") // domain.RoleBoard
	r := c.get("/p/anchorage-90-by-2020/dashboards/board-summary")
	if r.Status != 200 {
		t.Fatalf("status %d", r.Status)
	}
	types, panels := dashboardPanels(r.Body)
	counts := map[string]int{}
	for i, typ := range types {
		counts[typ]++
		switch typ {
		case "equity_gap":
			mustContain(t, "gap panel", panels[i], "Equity gap by Native status: distance from Non-Native (all other students)", "Alaska Native")
			mustNotContain(t, "gap panel", panels[i], "-lines\"")
		case "subgroup":
			mustContain(t, "subgroup panel", panels[i], "By Native status", "-lines\"")
			mustNotContain(t, "subgroup panel", panels[i], "Equity gap", "-gap\"")
		}
	}
	want := map[string]int{"headline": 1, "scorecard": 4, "progress": 1, "equity_gap": 1, "subgroup": 1, "table": 1}
	for typ, n := range want {
		if counts[typ] != n {
			t.Errorf("%d %s panels, want %d", counts[typ], typ, n)
		}
	}
	if n := strings.Count(r.Body, "<h3>Equity gap by"); n != 1 {
		t.Errorf("%d equity gaps on the page, want 1", n)
	}
	// A gap with one year in common names its side and its reference too.
	mustContain(t, "gap sentences", gapSentences(r.Body),
		"Alaska Native/American Indian: behind Non-Native (all other students) by 25.1 points in 2015")
}
