package web_test

import (
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/web"
)

type progressJSON struct {
	Status  string  `json:"status"`
	Ratio   float64 `json:"ratio"`
	Method  string  `json:"method"`
	Summary string  `json:"summary"`
	Latest  *struct {
		Year  int
		Value float64
	}
	Baseline *struct {
		Year  int
		Value float64
	}
	Target *struct {
		Year  int
		Value float64
	}
	Projection *struct {
		ValueAtTargetYear *float64 `json:"value_at_target_year"`
		YearReached       *int     `json:"year_reached"`
	} `json:"projection"`
}

type indicatorJSON struct {
	Slug         string       `json:"slug"`
	Progress     progressJSON `json:"progress"`
	Measurements []struct {
		Year      int      `json:"year"`
		Dimension string   `json:"dimension"`
		Group     string   `json:"group"`
		Value     *float64 `json:"value"`
		Source    string   `json:"source"`
	} `json:"measurements"`
}

func TestAPIAnchorageGraduation(t *testing.T) {
	a := newApp(t)
	var got indicatorJSON
	a.getJSON("/api/v1/partnerships/anchorage-90-by-2020/indicators/hs-graduation-4yr", 200, &got)
	p := got.Progress
	if p.Status != "acceleration_needed" || p.Method != "linear" || math.Abs(p.Ratio-0.864) > 0.005 {
		t.Errorf("progress = %s %s %.3f, want acceleration_needed linear 0.864", p.Status, p.Method, p.Ratio)
	}
	if p.Baseline == nil || p.Baseline.Year != 2005 || p.Baseline.Value != 59 || p.Latest == nil || p.Latest.Year != 2019 || p.Latest.Value != 84 {
		t.Errorf("baseline %+v latest %+v, want 2005: 59 and 2019: 84", p.Baseline, p.Latest)
	}
	if p.Target == nil || p.Target.Year != 2020 || p.Target.Value != 90 {
		t.Errorf("target = %+v, want 90 in 2020", p.Target)
	}
	if p.Projection == nil || p.Projection.ValueAtTargetYear == nil {
		t.Errorf("projection = %+v, want a value at the target year", p.Projection)
	}
	want := map[int]float64{2005: 59, 2011: 72, 2012: 73, 2013: 76, 2015: 80.2, 2016: 79.7, 2017: 81.4, 2018: 80.7, 2019: 84}
	seen := map[int]float64{}
	for _, m := range got.Measurements {
		if m.Dimension == "" && m.Group == "" {
			if m.Value == nil || m.Source == "" {
				t.Errorf("%d: value %v source %q, want a value with its source", m.Year, m.Value, m.Source)
				continue
			}
			seen[m.Year] = *m.Value
		}
	}
	if len(seen) != len(want) {
		t.Errorf("all-groups series = %v, want %v", seen, want)
	}
	for y, v := range want {
		if seen[y] != v {
			t.Errorf("%d = %v, want %v", y, seen[y], v)
		}
	}
}

func TestAPIListsAndErrors(t *testing.T) {
	a := newApp(t)
	var list struct {
		Partnerships []struct{ Slug string } `json:"partnerships"`
	}
	a.getJSON("/api/v1/partnerships", 200, &list)
	if len(list.Partnerships) != 2 {
		t.Fatalf("partnerships = %+v, want the two samples", list.Partnerships)
	}
	var detail struct {
		Slug         string `json:"slug"`
		HeadlineText string `json:"headline_text"`
		Indicators   []indicatorJSON
	}
	a.getJSON("/api/v1/partnerships/better-together-central-oregon", 200, &detail)
	if detail.Slug != "better-together-central-oregon" || len(detail.Indicators) == 0 || detail.HeadlineText == "" {
		t.Errorf("detail = %+v, want the partnership with indicators and a headline", detail)
	}
	var inds struct{ Indicators []indicatorJSON }
	a.getJSON("/api/v1/partnerships/anchorage-90-by-2020/indicators", 200, &inds)
	if len(inds.Indicators) < 5 {
		t.Errorf("indicators = %d, want every Anchorage indicator", len(inds.Indicators))
	}
	for _, path := range []string{
		"/api/v1/partnerships/nope",
		"/api/v1/partnerships/nope/indicators",
		"/api/v1/partnerships/anchorage-90-by-2020/indicators/nope",
		"/api/v1/partnerships/%27%3B%20DROP%20TABLE%20measurements",
		"/api/v1/nothing-here",
	} {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		a.getJSON(path, 404, &e)
		if e.Error.Code != "not_found" || e.Error.Message == "" {
			t.Errorf("%s: error = %+v, want not_found with a message", path, e.Error)
		}
	}
	var h struct{ Status string }
	a.getJSON("/healthz", 200, &h)
	if h.Status != "ok" {
		t.Errorf("healthz = %+v", h)
	}
}

// TestOpenAPICoversEveryRoute fails when a route is added without being
// described in the OpenAPI document.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	a := newApp(t)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	a.getJSON("/api/v1/openapi.json", 200, &doc)
	if doc.OpenAPI == "" || len(doc.Paths) == 0 {
		t.Fatalf("openapi document has no version or paths")
	}
	s, err := web.New(a.db, web.Config{})
	if err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`:([a-z_]+)`)
	for _, r := range s.Routes() {
		method, path, _ := strings.Cut(r, " ")
		if !strings.HasPrefix(path, "/api/") && path != "/healthz" {
			continue
		}
		oa := param.ReplaceAllString(path, "{$1}")
		if _, ok := doc.Paths[oa][strings.ToLower(method)]; !ok {
			t.Errorf("route %s %s is not in openapi.json as %s", method, path, oa)
		}
	}
}
