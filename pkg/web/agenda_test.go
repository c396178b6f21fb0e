package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/web"
)

// Form fields as agenda_form.html writes them, to read an edit form back
// the way a browser would submit it unchanged.
var (
	agendaInput    = regexp.MustCompile(`<input type="(?:text|url)" id="[^"]*" name="([a-z_]+)" value="([^"]*)"`)
	agendaChecked  = regexp.MustCompile(`<input type="(?:radio|checkbox)" id="[^"]*" name="([a-z_]+)" value="([^"]*)" checked`)
	agendaTextarea = regexp.MustCompile(`(?s)<textarea id="[^"]*" name="([a-z_]+)"[^>]*>(.*?)</textarea>`)
	agendaSelect   = regexp.MustCompile(`(?s)<select id="[^"]*" name="([a-z_]+)"[^>]*>(.*?)</select>`)
	agendaSelected = regexp.MustCompile(`<option value="([^"]*)" selected>`)
)

// agendaFormValues reads the values a form would submit as it stands.
func agendaFormValues(body string) url.Values {
	v := url.Values{}
	for _, re := range []*regexp.Regexp{agendaInput, agendaChecked, agendaTextarea} {
		for _, m := range re.FindAllStringSubmatch(body, -1) {
			v.Add(m[1], html.UnescapeString(m[2]))
		}
	}
	for _, m := range agendaSelect.FindAllStringSubmatch(body, -1) {
		for _, o := range agendaSelected.FindAllStringSubmatch(m[2], -1) {
			v.Add(m[1], html.UnescapeString(o[1]))
		}
	}
	return v
}

func agendaBundle(t *testing.T, a *app) *domain.Bundle {
	t.Helper()
	b, err := a.db.Bundle(context.Background(), anchorage)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func agendaAudit(t *testing.T, a *app, entity, key string) []domain.AuditEntry {
	t.Helper()
	es, err := a.db.Audit(context.Background(), anchorage, entity, key)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func agendaWant(t *testing.T, what string, r resp, want int) {
	t.Helper()
	if r.Status != want {
		t.Fatalf("%s: status %d, want %d; location %q; body %.600s", what, r.Status, want, r.location(), r.Body)
	}
}

func TestAgendaIndicatorForm(t *testing.T) {
	a := newApp(t)
	ed, _ := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")
	r := ed.get(pA + "/indicators/new?goal=postsecondary")
	agendaWant(t, "new form", r, http.StatusOK)
	if got := agendaFormValues(r.Body); got.Get("direction") != "" || got.Get("goal") != "postsecondary" {
		t.Errorf("new form: direction %q (want none chosen), goal %q (want postsecondary)", got.Get("direction"), got.Get("goal"))
	}
	form := url.Values{"slug": {"youth-jobs"}, "goal": {"postsecondary"}, "name": {"Youth employment"}, "unit": {"percent"},
		"decimals": {"1"}, "method": {"linear"}, "kind": {"core"}, "baseline_year": {"2015"}, "baseline_value": {"N/A"},
		"target_year": {"2025"}, "target_value": {"1e309"}, "interim_targets": {"2020: 50\n2022: NaN"},
		"annotations": {"2018 break: the survey changed"}}
	r = ed.post(pA+"/indicators", form)
	agendaWant(t, "create without direction", r, http.StatusUnprocessableEntity)
	mustContain(t, "refused form", r.Body, `id="f-direction-error"`, "is required: say whether higher or lower is better",
		`id="f-baseline_value-error"`, `&#34;N/A&#34; is not a number`, `id="f-target_value-error"`, `&#34;1e309&#34; is not a number`,
		`line 2: &#34;NaN&#34; is not a number`, `value="youth-jobs"`, "Nothing was saved")
	if _, ok := agendaBundle(t, a).Indicator("youth-jobs"); ok {
		t.Fatal("the refused indicator was saved")
	}
	r = ed.post(pA+"/indicators", url.Values{"direction": {"higher"}})
	agendaWant(t, "empty form", r, http.StatusUnprocessableEntity)
	mustContain(t, "empty form", r.Body, `<span class="field-error" id="f-slug-error">is required</span>`, `id="f-name-error"`)
	mustNotContain(t, "empty form", r.Body, "is not a core indicator", `id="f-direction-error"`)
	if got := agendaAudit(t, a, "indicator", "youth-jobs"); len(got) != 0 {
		t.Errorf("refused indicator: %d audit rows, want 0", len(got))
	}

	form.Set("direction", "lower")
	form.Set("baseline_value", "40.5")
	form.Set("target_value", "30")
	form.Set("interim_targets", "2020: 35\n\n2022: 32")
	r = ed.post(pA+"/indicators", form)
	agendaWant(t, "create", r, http.StatusSeeOther)
	if got, want := r.location(), pA+"/indicators/youth-jobs"; got != want {
		t.Errorf("redirect = %q, want %q", got, want)
	}
	mustContain(t, "indicator page", ed.get(pA+"/indicators/youth-jobs").Body, "Saved indicator", "Youth employment", "Edit this indicator")
	body, _ := a.get(pA, http.StatusOK)
	mustContain(t, "public overview", body, "Youth employment")

	var got domain.Indicator
	a.getJSON(apiA+"/indicators/youth-jobs", http.StatusOK, &got)
	want := domain.Indicator{Slug: "youth-jobs", Goal: "postsecondary", Name: "Youth employment", Unit: domain.UnitPercent, Decimals: 1,
		Direction: domain.LowerIsBetter, Method: domain.MethodLinear, Kind: domain.KindCore,
		Baseline: &domain.YearValue{Year: 2015, Value: 40.5}, Target: &domain.YearValue{Year: 2025, Value: 30},
		Interim:     []domain.YearValue{{Year: 2020, Value: 35}, {Year: 2022, Value: 32}},
		Annotations: []domain.Annotation{{Year: 2018, Text: "the survey changed", Break: true}}}
	got.Position = 0
	if g, w := agendaJSON(t, got), agendaJSON(t, want); g != w {
		t.Errorf("API indicator =\n%s\nwant\n%s", g, w)
	}
}

func agendaJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAgendaEditRoundTrip: saving an edit form unchanged writes nothing,
// and changing one value writes exactly that, audited.
func TestAgendaEditRoundTrip(t *testing.T) {
	a := newApp(t)
	admin, _ := a.signIn("admin@example.org", anchorage, domain.RoleAdmin, "")
	for _, tc := range []struct{ entity, key, page, action string }{
		{"indicator", "hs-graduation-4yr", pA + "/indicators/hs-graduation-4yr/edit", pA + "/indicators/hs-graduation-4yr"},
		{"partner", "anchorage-school-district", pA + "/partners/anchorage-school-district/edit", pA + "/partners/anchorage-school-district"},
		{"goal", "graduation", pA + "/goals/graduation/edit", pA + "/goals/graduation"},
		{"partnership", anchorage, pA + "/edit", pA},
	} {
		t.Run(tc.entity, func(t *testing.T) {
			before := len(agendaAudit(t, a, "", ""))
			r := admin.get(tc.page)
			agendaWant(t, "edit form", r, http.StatusOK)
			r = admin.post(tc.action, agendaFormValues(r.Body))
			agendaWant(t, "unchanged save", r, http.StatusSeeOther)
			if after := agendaAudit(t, a, "", ""); len(after) != before {
				t.Errorf("saving the %s unchanged wrote %d audit rows, want 0; newest: %+v", tc.entity, len(after)-before, after[0])
			}
		})
	}

	ed, _ := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")
	v := agendaFormValues(ed.get(pA + "/indicators/hs-graduation-4yr/edit").Body)
	if got := v.Get("target_value"); got != "90" {
		t.Fatalf("target value in the form = %q, want 90", got)
	}
	v.Set("target_value", "92.5")
	agendaWant(t, "edit target", ed.post(pA+"/indicators/hs-graduation-4yr", v), http.StatusSeeOther)
	ind, _ := agendaBundle(t, a).Indicator("hs-graduation-4yr")
	if ind.Target == nil || ind.Target.Value != 92.5 || ind.Target.Year != 2020 {
		t.Errorf("target = %+v, want 92.5 in 2020", ind.Target)
	}
	es := agendaAudit(t, a, "indicator", "hs-graduation-4yr")
	if len(es) == 0 || es[0].Action != "update" || es[0].Actor != "editor@example.org" ||
		!strings.Contains(es[0].Old, `"value":90}`) || !strings.Contains(es[0].New, `"value":92.5}`) {
		t.Errorf("newest audit row = %+v, want the editor's update from 90 to 92.5", es[0])
	}
}

func TestAgendaDeletes(t *testing.T) {
	a := newApp(t)
	ed, _ := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")

	agendaWant(t, "goal delete page", ed.get(pA+"/goals/graduation/delete"), http.StatusOK)
	// graduation has indicators and dashboards show it: the dashboards are
	// named first (the API's "goal in use" case reaches the store's refusal
	// of a goal with indicators).
	r := ed.post(pA+"/goals/graduation/delete", nil)
	agendaWant(t, "delete goal with indicators", r, http.StatusConflict)
	mustContain(t, "goal conflict", r.Body, "Nothing was deleted", "cannot delete goal", "anchorage-90-by-2020/board-summary.yaml", "anchorage-90-by-2020/graduation.yaml")

	r = ed.post(pA+"/partners/united-way-of-anchorage/delete", nil)
	agendaWant(t, "delete backbone", r, http.StatusConflict)
	mustContain(t, "backbone conflict", r.Body, "backbone")

	// dropout-rate has figures and board-summary.yaml shows it.
	r = ed.post(pA+"/indicators/dropout-rate/delete", url.Values{"with_data": {"on"}, "figures": {"3"}})
	agendaWant(t, "delete an indicator a dashboard shows", r, http.StatusConflict)
	mustContain(t, "dashboard conflict", r.Body, "cannot delete indicator", "anchorage-90-by-2020/board-summary.yaml")
	if _, ok := agendaBundle(t, a).Indicator("dropout-rate"); !ok {
		t.Fatal("an indicator a dashboard shows was deleted")
	}

	// postsecondary has one indicator, and board-summary.yaml has a
	// scorecard of the goal: once the indicator is gone the store would
	// delete the goal, but the dashboard still stands in the way.
	const only = "postsecondary-aps-career-technical-qualified"
	figs := 0
	for _, m := range agendaBundle(t, a).Measurements {
		if m.Indicator == only {
			figs++
		}
	}
	r = ed.post(pA+"/indicators/"+only+"/delete", url.Values{"with_data": {"on"}, "figures": {fmt.Sprint(figs)}})
	agendaWant(t, "delete the goal's only indicator", r, http.StatusSeeOther)
	r = ed.post(pA+"/goals/postsecondary/delete", nil)
	agendaWant(t, "delete a goal a dashboard shows", r, http.StatusConflict)
	mustContain(t, "goal dashboard conflict", r.Body, "Nothing was deleted", "cannot delete goal", "anchorage-90-by-2020/board-summary.yaml")
	if !slices.ContainsFunc(agendaBundle(t, a).Goals, func(g domain.Goal) bool { return g.Slug == "postsecondary" }) {
		t.Fatal("a goal a dashboard shows was deleted")
	}

	const slug = "hs-graduation-5yr" // in no dashboard
	b := agendaBundle(t, a)
	figures, measurements := 0, 0
	for _, m := range b.Measurements {
		if m.Indicator == slug {
			figures, measurements = figures+1, measurements+1
		}
	}
	for _, c := range b.Comparisons {
		if c.Indicator == slug {
			figures++
		}
	}
	if measurements == 0 {
		t.Fatal("the sample has no figures for " + slug)
	}
	r = ed.get(pA + "/indicators/" + slug + "/delete")
	agendaWant(t, "indicator delete page", r, http.StatusOK)
	mustContain(t, "delete page", r.Body, fmt.Sprintf("Also delete its %d figures", figures), `name="with_data"`)

	r = ed.post(pA+"/indicators/"+slug+"/delete", nil)
	agendaWant(t, "delete without confirming", r, http.StatusConflict)
	mustContain(t, "unconfirmed", r.Body, fmt.Sprintf("has %d figures: confirm to delete them too", figures))
	if _, ok := agendaBundle(t, a).Indicator(slug); !ok {
		t.Fatal("the indicator went without confirmation")
	}

	r = ed.post(pA+"/indicators/"+slug+"/delete", url.Values{"with_data": {"on"}, "figures": {fmt.Sprint(figures)}})
	agendaWant(t, "confirmed delete", r, http.StatusSeeOther)
	mustContain(t, "overview after delete", ed.get(r.location()).Body, fmt.Sprintf("and its %d figures", figures))
	b = agendaBundle(t, a)
	if _, ok := b.Indicator(slug); ok {
		t.Error("the indicator is still there")
	}
	for _, m := range b.Measurements {
		if m.Indicator == slug {
			t.Fatalf("figure %+v is still there", m)
		}
	}
	if es := agendaAudit(t, a, "indicator", slug); len(es) == 0 || es[0].Action != "delete" || es[0].Actor != "editor@example.org" {
		t.Errorf("indicator audit = %+v, want a delete by the editor first", es)
	}
	deleted := 0
	for _, e := range agendaAudit(t, a, "measurement", "") {
		if e.Action == "delete" && strings.HasPrefix(e.Key, slug+"/") {
			deleted++
		}
	}
	if deleted != measurements {
		t.Errorf("%d measurement deletions audited, want %d", deleted, measurements)
	}
}

// TestAgendaAPI writes through the API with a browser session, which
// sends its CSRF token in X-CSRF-Token.
func TestAgendaAPI(t *testing.T) {
	a := newApp(t)
	ed, _ := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")
	admin, _ := a.signIn("admin@example.org", anchorage, domain.RoleAdmin, "")
	ind := `{"slug":"api-ind","goal":"api-goal","name":"API indicator","unit":"count","decimals":0,"method":"linear","kind":"core"` +
		`,"direction":"higher","baseline":{"year":2015,"value":10},"target":{"year":2030,"value":20}}`
	noDirection := strings.Replace(ind, `,"direction":"higher"`, "", 1)
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		has                      string
	}{
		{"goal", "POST", apiA + "/goals", `{"slug":"api-goal","title":"An API goal"}`, 201, `"position":5`},
		{"no slug", "POST", apiA + "/goals", `{"title":"No slug"}`, 400, `"field":"slug","message":"is required"`},
		{"goal again", "POST", apiA + "/goals", `{"slug":"api-goal","title":"Twice"}`, 400, "already used"},
		{"no direction", "POST", apiA + "/indicators", noDirection, 400, `"field":"direction"`},
		{"unknown field", "POST", apiA + "/indicators", strings.Replace(ind, `{`, `{"colour":"red",`, 1), 400, "unknown field"},
		{"huge number", "POST", apiA + "/indicators", strings.Replace(ind, `"value":20`, `"value":1e309`, 1), 400, `"code":"invalid"`},
		{"beyond max", "POST", apiA + "/indicators", strings.Replace(ind, `"value":20`, `"value":1e16`, 1), 400, "finite"},
		{"two values", "POST", apiA + "/indicators", ind + ind, 400, "more than one"},
		{"indicator", "POST", apiA + "/indicators", ind, 201, `"direction":"higher"`},
		{"other slug", "PUT", apiA + "/indicators/api-ind", strings.Replace(ind, `"api-ind"`, `"other"`, 1), 400, "differs from the slug in the path"},
		{"new target", "PUT", apiA + "/indicators/api-ind", strings.Replace(ind, `"value":20`, `"value":25`, 1), 200, `"target":{"year":2030,"value":25}`},
		{"missing", "PUT", apiA + "/indicators/nope", strings.Replace(ind, `"api-ind"`, `"nope"`, 1), 404, "not_found"},
		{"partner", "POST", apiA + "/partners", `{"slug":"api-partner","name":"API partner","sector":"business","contributes":["api-ind"]}`, 201, `"contributes":["api-ind"]`},
		{"partner keeps", "PUT", apiA + "/partners/api-partner", `{"name":"API partner, renamed","sector":"business"}`, 200, `"contributes":["api-ind"]`},
		{"withdraw", "PUT", apiA + "/partners/api-partner", `{"name":"API partner","sector":"business","contributes":[]}`, 200, `"contributes":null`},
		{"contribute again", "PUT", apiA + "/partners/api-partner", `{"name":"API partner","sector":"business","contributes":["api-ind"]}`, 200, `"contributes":["api-ind"]`},
		{"goal in use", "DELETE", apiA + "/goals/api-goal", "", 409, "api-ind"},
		{"partner gone", "DELETE", apiA + "/partners/api-partner", "", 204, ""},
		{"indicator gone", "DELETE", apiA + "/indicators/api-ind", "", 204, ""},
		{"goal gone", "DELETE", apiA + "/goals/api-goal", "", 204, ""},
		{"figures", "DELETE", apiA + "/indicators/hs-graduation-5yr", "", 409, "confirm to delete them too"},
		{"in a dashboard", "DELETE", apiA + "/indicators/dropout-rate?with_data=true", "", 409, `dashboard file(s) anchorage-90-by-2020/board-summary.yaml show it`},
		{"goal's only indicator", "DELETE", apiA + "/indicators/grade8-math-proficiency?with_data=true", "", 204, ""},
		{"goal in a dashboard", "DELETE", apiA + "/goals/middle-grades-math", "", 409, `dashboard file(s) anchorage-90-by-2020/board-summary.yaml show it`},
		{"bad with_data", "DELETE", apiA + "/indicators/hs-graduation-4yr?with_data=maybe", "", 400, "with_data"},
		{"settings by editor", "PUT", apiA, `{"name":"x","suppression_threshold":10}`, 403, "forbidden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ed.sendJSON(tc.method, tc.path, tc.body)
			agendaWant(t, tc.method+" "+tc.path, r, tc.status)
			mustContain(t, tc.name, r.Body, tc.has)
		})
	}
	if b := agendaBundle(t, a); !slices.ContainsFunc(b.Goals, func(g domain.Goal) bool { return g.Slug == "middle-grades-math" }) {
		t.Fatal("a refused goal delete deleted")
	} else if _, ok := b.Indicator("dropout-rate"); !ok {
		t.Fatal("a refused delete deleted")
	}

	settings := `{"name":"90% by 2020","region":"Anchorage, Alaska","backbone":"united-way-of-anchorage","published":false}`
	r := admin.sendJSON("PUT", apiA, settings)
	agendaWant(t, "settings without threshold", r, http.StatusBadRequest)
	mustContain(t, "no threshold", r.Body, `"field":"suppression_threshold"`)
	r = admin.sendJSON("PUT", apiA, strings.Replace(settings, "{", `{"slug":"`+anchorage+`","suppression_threshold":5,`, 1))
	agendaWant(t, "settings", r, http.StatusOK)
	mustContain(t, "settings", r.Body, `"suppression_threshold":5`, `"published":false`)
	a.get(pA, http.StatusNotFound) // unpublished: gone for the public
}

// TestAgendaPartnerForm: contributions are checkboxes, and unticking one
// withdraws it.
func TestAgendaPartnerForm(t *testing.T) {
	a := newApp(t)
	ed, _ := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")
	form := url.Values{"slug": {"new-partner"}, "name": {"New partner"}, "sector": {"health"}, "website": {"ftp://x"},
		"contributes": {"dropout-rate", "hs-graduation-5yr"}}
	r := ed.post(pA+"/partners", form)
	agendaWant(t, "bad website", r, http.StatusUnprocessableEntity)
	mustContain(t, "bad website", r.Body, `id="f-website-error"`, "is not an http(s) address")
	form.Set("website", "https://example.org")
	agendaWant(t, "create partner", ed.post(pA+"/partners", form), http.StatusSeeOther)
	p := agendaBundle(t, a).Partners
	var got domain.Partner
	for _, x := range p {
		if x.Slug == "new-partner" {
			got = x
		}
	}
	if len(got.Contributes) != 2 {
		t.Fatalf("partner = %+v, want 2 contributions", got)
	}
	v := agendaFormValues(ed.get(pA + "/partners/new-partner/edit").Body)
	v["contributes"] = []string{"dropout-rate"}
	agendaWant(t, "withdraw", ed.post(pA+"/partners/new-partner", v), http.StatusSeeOther)
	for _, p := range agendaBundle(t, a).Partners {
		if p.Slug == "new-partner" && !slices.Equal(p.Contributes, []string{"dropout-rate"}) {
			t.Errorf("after unticking one: contributes %q, want [dropout-rate]", p.Contributes)
		}
	}
	if au := agendaAudit(t, a, "partner", "new-partner"); len(au) == 0 || !strings.Contains(au[0].Old, "hs-graduation-5yr") || strings.Contains(au[0].New, "hs-graduation-5yr") {
		t.Errorf("audit = %+v, want the withdrawal first", au)
	}

	agendaWant(t, "reserved slug", ed.post(pA+"/goals", url.Values{"slug": {"new"}, "title": {"New"}}), http.StatusUnprocessableEntity)
}

func TestAgendaSettingsForm(t *testing.T) {
	a := newApp(t)
	admin, _ := a.signIn("admin@example.org", anchorage, domain.RoleAdmin, "")
	v := agendaFormValues(admin.get(pA + "/edit").Body)
	if v.Get("published") != "on" || v.Get("suppression_threshold") != "10" || v.Get("backbone") != "united-way-of-anchorage" {
		t.Fatalf("settings form = %v", v)
	}
	v.Set("suppression_threshold", "ten")
	r := admin.post(pA, v)
	agendaWant(t, "bad threshold", r, http.StatusUnprocessableEntity)
	mustContain(t, "bad threshold", r.Body, `id="f-suppression_threshold-error"`, "is not a whole number")
	v.Set("suppression_threshold", "")
	agendaWant(t, "no threshold", admin.post(pA, v), http.StatusUnprocessableEntity)
	v.Set("suppression_threshold", "20")
	v.Del("published")
	agendaWant(t, "save settings", admin.post(pA, v), http.StatusSeeOther)
	got := agendaBundle(t, a).Partnership
	if got.SuppressionThreshold != 20 || got.Published {
		t.Errorf("settings = %+v, want threshold 20, unpublished", got)
	}
}

// TestAgendaEditLinks: the links show for the roles that may follow them.
func TestAgendaEditLinks(t *testing.T) {
	a := newApp(t)
	admin, _ := a.signIn("admin@example.org", anchorage, domain.RoleAdmin, "")
	ed, _ := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")
	viewer, _ := a.signIn("viewer@example.org", anchorage, domain.RoleViewer, "")
	pages := []string{pA, pA + "/goals/graduation", pA + "/partners/anchorage-school-district", pA + "/indicators/hs-graduation-4yr"}
	for _, path := range pages {
		for _, tc := range []struct {
			who      string
			c        *client
			edit     bool
			settings bool
		}{{"public", a.client(), false, false}, {"viewer", viewer, false, false}, {"editor", ed, true, false}, {"admin", admin, true, true}} {
			body := tc.c.get(path).Body
			if got := strings.Contains(body, `/edit"`); got != tc.edit {
				t.Errorf("%s as %s: has edit links = %v, want %v", path, tc.who, got, tc.edit)
			}
			if got := strings.Contains(body, `href="`+pA+`/edit"`); got != (tc.settings && path == pA) {
				t.Errorf("%s as %s: has the settings link = %v, want %v", path, tc.who, got, !got)
			}
		}
	}
}

// agendaRoute is a registered route of this area with its parameters
// filled in with sample slugs.
type agendaRoute struct{ method, path string }

func agendaRouteList(t *testing.T, a *app) []agendaRoute {
	s, err := web.New(a.db, web.Config{})
	if err != nil {
		t.Fatal(err)
	}
	fill := strings.NewReplacer(":partnership", anchorage, ":partner", "bp", ":goal", "graduation", ":indicator", "hs-graduation-4yr")
	var out []agendaRoute
	for _, r := range s.Routes() {
		method, path, _ := strings.Cut(r, " ")
		if act, _ := s.Action(method, path); act == domain.ActEditAgenda || act == domain.ActManageSettings {
			out = append(out, agendaRoute{method, fill.Replace(path)})
		}
	}
	if len(out) != 30 {
		t.Fatalf("%d agenda routes, want 30", len(out))
	}
	return out
}

// TestAgendaForbidden: a viewer is refused every route of this area, the
// public is sent to sign in, and an editor is refused the settings.
func TestAgendaForbidden(t *testing.T) {
	a := newApp(t)
	viewer, _ := a.signIn("viewer@example.org", anchorage, domain.RoleViewer, "")
	ed, _ := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")
	public := a.client()
	send := func(c *client, r agendaRoute) resp {
		switch {
		case r.method == "GET":
			return c.get(r.path)
		case strings.HasPrefix(r.path, "/api/"):
			return c.sendJSON(r.method, r.path, "{}")
		}
		return c.post(r.path, url.Values{"name": {"x"}})
	}
	for _, r := range agendaRouteList(t, a) {
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			agendaWant(t, "viewer", send(viewer, r), http.StatusForbidden)
			got := send(public, r)
			if r.method == "GET" {
				agendaWant(t, "public", got, http.StatusSeeOther)
				if !strings.HasPrefix(got.location(), "/login?next=") {
					t.Errorf("public: redirect to %q, want /login", got.location())
				}
			} else {
				agendaWant(t, "public", got, http.StatusUnauthorized)
			}
			if r.path == pA+"/edit" || r.path == pA || r.path == apiA {
				agendaWant(t, "editor", send(ed, r), http.StatusForbidden)
			}
		})
	}
	if _, ok := agendaBundle(t, a).Indicator("hs-graduation-4yr"); !ok {
		t.Error("a refused request deleted the indicator")
	}
}

// TestAgendaHostileNames: names are text on every page, never markup.
func TestAgendaHostileNames(t *testing.T) {
	a := newApp(t)
	ed, _ := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")
	const evil = `<script>alert("x")</script>`
	r := ed.post(pA+"/partners", url.Values{"slug": {"evil"}, "name": {evil}, "sector": {"nope"},
		"description": {"</textarea>" + evil}})
	agendaWant(t, "refused hostile form", r, http.StatusUnprocessableEntity)
	mustNotContain(t, "refused form", r.Body, "<script>alert", "</textarea><script>")
	r = ed.post(pA+"/partners", url.Values{"slug": {"evil"}, "name": {evil}, "sector": {"community"}, "description": {evil}})
	agendaWant(t, "hostile partner", r, http.StatusSeeOther)
	for _, path := range []string{pA, pA + "/partners/evil", pA + "/partners/evil/edit", pA + "/partners/evil/delete"} {
		body := ed.get(path).Body
		mustNotContain(t, path, body, "<script>alert")
		mustContain(t, path, body, "&lt;script&gt;alert(")
	}
}
