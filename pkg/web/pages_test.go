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
