package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

const (
	dataSlug      = "anchorage-90-by-2020"
	dataInd       = "hs-graduation-4yr"
	dataIndPath   = "/p/" + dataSlug + "/indicators/" + dataInd
	dataAPIPath   = "/api/v1/partnerships/" + dataSlug + "/indicators/" + dataInd
	dataSteward   = "anchorage-school-district" // steward of every Anchorage indicator in the seed
	dataOther     = "united-way-of-anchorage"
	dataPassword  = "correct horse battery staple"
	dataFormLimit = 1 << 20
)

// dataBrowser is a signed-in browser: a cookie jar that does not follow
// redirects, so each response can be checked.
type dataBrowser struct {
	t      *testing.T
	a      *app
	email  string
	id     int64
	client *http.Client
}

// dataMember creates a user with a role in Anchorage and signs them in
// through the login form, CSRF token and all.
func dataMember(t *testing.T, a *app, email string, role domain.Role, partner string) *dataBrowser {
	t.Helper()
	ctx := context.Background()
	u, err := a.db.CreateUser(ctx, email, strings.Split(email, "@")[0], dataPassword, "test")
	if err != nil {
		t.Fatalf("create user: %v", err)
	}
	if err := a.db.SetMembership(ctx, domain.Membership{UserID: u.ID, Partnership: dataSlug, Role: role, Partner: partner}, "test"); err != nil {
		t.Fatalf("set membership: %v", err)
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	m := &dataBrowser{t: t, a: a, email: email, id: u.ID, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	body, _ := m.do("GET", "/login", nil, 200)
	form := url.Values{"_csrf": {dataCSRF(t, body)}, "email": {email}, "password": {dataPassword}, "next": {"/"}}
	m.do("POST", "/login", form, http.StatusSeeOther)
	return m
}

// do sends a request (a form when form is not nil) and checks the status.
func (m *dataBrowser) do(method, path string, form url.Values, want int) (string, *http.Response) {
	m.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, m.a.srv.URL+path, body)
	if err != nil {
		m.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return m.send(req, want)
}

func (m *dataBrowser) send(req *http.Request, want int) (string, *http.Response) {
	m.t.Helper()
	resp, err := m.client.Do(req)
	if err != nil {
		m.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, dataFormLimit))
	if err != nil {
		m.t.Fatal(err)
	}
	if resp.StatusCode != want {
		m.t.Fatalf("%s %s: status %d, want %d; body: %.600s", req.Method, req.URL.Path, resp.StatusCode, want, b)
	}
	return string(b), resp
}

var dataCSRFField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func dataCSRF(t *testing.T, body string) string {
	t.Helper()
	m := dataCSRFField.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no _csrf field in page: %.300s", body)
	}
	return html.UnescapeString(m[1])
}

var (
	gridInputField  = regexp.MustCompile(`<input type="(?:hidden|text)"[^>]*? name="([^"]+)" value="([^"]*)"`)
	gridSelectField = regexp.MustCompile(`(?s)<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>`)
	gridOptionTag   = regexp.MustCompile(`<option value="([^"]*)"( selected)?>`)
	gridNewYearCell = regexp.MustCompile(`name="year-(\d+)" value="(\d*)"`)
)

// gridForm is what a browser would post for the grid as rendered.
func gridForm(t *testing.T, body string) url.Values {
	t.Helper()
	v := url.Values{}
	for _, m := range gridInputField.FindAllStringSubmatch(body, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range gridSelectField.FindAllStringSubmatch(body, -1) {
		opts := gridOptionTag.FindAllStringSubmatch(m[2], -1)
		chosen := ""
		for i, o := range opts {
			if i == 0 || o[2] != "" {
				chosen = html.UnescapeString(o[1])
			}
		}
		v.Set(m[1], chosen)
	}
	if v.Get("rows") == "" || v.Get("_csrf") == "" {
		t.Fatalf("grid form lacks rows or _csrf: %v", v)
	}
	return v
}

// gridFirstNewRow returns the index and prefilled year of the first empty row.
func gridFirstNewRow(t *testing.T, body string) (int, string) {
	t.Helper()
	m := gridNewYearCell.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("grid has no row for a new figure")
	}
	n, _ := strconv.Atoi(m[1])
	return n, m[2]
}

func gridSetRow(v url.Values, n int, cells map[string]string) {
	for k, val := range cells {
		v.Set(k+"-"+strconv.Itoa(n), val)
	}
}

type dataFigureJSON struct {
	Year      int      `json:"year"`
	Dimension string   `json:"dimension"`
	Group     string   `json:"group"`
	Value     *float64 `json:"value"`
	Status    string   `json:"status"`
}

type dataDetailJSON struct {
	Progress struct {
		Status string `json:"status"`
		Latest *struct {
			Year  int     `json:"year"`
			Value float64 `json:"value"`
		} `json:"latest"`
	} `json:"progress"`
	Measurements []dataFigureJSON `json:"measurements"`
}

func dataPublicDetail(t *testing.T, a *app) dataDetailJSON {
	t.Helper()
	var d dataDetailJSON
	a.getJSON(dataAPIPath, 200, &d)
	return d
}

func (d dataDetailJSON) allGroups(year int) *dataFigureJSON {
	for i, m := range d.Measurements {
		if m.Year == year && m.Dimension == "" && m.Group == "" {
			return &d.Measurements[i]
		}
	}
	return nil
}

func TestDataEntryEditorGrid(t *testing.T) {
	a := newApp(t)
	before := dataPublicDetail(t, a)
	if before.Progress.Status != "acceleration_needed" || before.allGroups(2020) != nil {
		t.Fatalf("seed: status %q, 2020 %+v; want acceleration_needed and no 2020 figure", before.Progress.Status, before.allGroups(2020))
	}
	ed := dataMember(t, a, "editor@example.org", domain.RoleEditor, "")
	grid, _ := ed.do("GET", dataIndPath+"/data", nil, 200)
	mustContain(t, "grid", grid, "Enter data", "84", "Save all rows")
	n, year := gridFirstNewRow(t, grid)
	if year != "2020" {
		t.Errorf("new row year = %q, want 2020 (the year after the latest figure)", year)
	}
	form := gridForm(t, grid)
	gridSetRow(form, n, map[string]string{"value": "85.1", "source": "https://www.asdk12.org/"})
	form.Set("comment", "Class of 2020 from the district")
	_, resp := ed.do("POST", dataIndPath+"/data", form, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != dataIndPath {
		t.Errorf("redirect to %q, want %q", loc, dataIndPath)
	}

	after := dataPublicDetail(t, a)
	if f := after.allGroups(2020); f == nil || f.Value == nil || *f.Value != 85.1 || f.Status != "approved" {
		t.Fatalf("API 2020 = %+v, want 85.1 approved", f)
	}
	if l := after.Progress.Latest; l == nil || l.Year != 2020 || l.Value != 85.1 || after.Progress.Status != "target_missed" {
		t.Errorf("progress = %s latest %+v, want target_missed at 85.1 in 2020", after.Progress.Status, l)
	}
	if len(after.Measurements) != len(before.Measurements)+1 {
		t.Errorf("measurements %d -> %d, want one more: unchanged rows must stay as they were", len(before.Measurements), len(after.Measurements))
	}
	overview, _ := a.get("/p/"+dataSlug, 200)
	mustContain(t, "overview", overview, "<strong>85.1%</strong> <span class=\"muted\">in 2020</span>")
	page, _ := a.get(dataIndPath, 200)
	mustContain(t, "chart option", chartOption(t, page, "progress-"+dataInd), "85.1")
	mustNotContain(t, "public indicator page", page, "History of changes")

	hist, _ := ed.do("GET", dataIndPath+"/history", nil, 200)
	mustContain(t, "history", hist, "editor@example.org", "entered", "85.1%", "Class of 2020 from the district")
	one, _ := ed.do("GET", dataIndPath+"/history?year=2020", nil, 200)
	mustContain(t, "one figure's history", one, "The figure for 2020, All", "85.1%")
	mustNotContain(t, "one figure's history", one, "84%")
	page2, _ := ed.do("GET", dataIndPath, nil, 200)
	mustContain(t, "member indicator page", page2, "History of changes", dataIndPath+"/history?year=2020&amp;dimension=&amp;group=")
}

func TestDataEntryBadCellsSaveNothing(t *testing.T) {
	a := newApp(t)
	ed := dataMember(t, a, "editor@example.org", domain.RoleEditor, "")
	before := dataPublicDetail(t, a)
	tests := []struct {
		name  string
		cells map[string]string
		cell  string // the input whose message it is
		want  string
	}{
		{"text", map[string]string{"value": "abc"}, "value", "is not a number"},
		{"percent over 100", map[string]string{"value": "120"}, "value", "120% is outside 0..100"},
		{"year 0", map[string]string{"year": "0", "value": "80"}, "year", "year 0 is outside 1900..2100"},
		{"numerator over denominator", map[string]string{"value": "50", "num": "60", "den": "50"}, "num", "numerator 60 is greater than denominator 50"},
		{"NaN", map[string]string{"value": "NaN"}, "value", "is not a number"},
		{"1e309", map[string]string{"value": "1e309"}, "value", "is not a number"},
		{"year text", map[string]string{"year": "twenty", "value": "80"}, "year", "is not a year"},
		{"bad source", map[string]string{"value": "80", "source": "javascript:alert(1)"}, "source", "is not an http(s) address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			grid, _ := ed.do("GET", dataIndPath+"/data", nil, 200)
			n, _ := gridFirstNewRow(t, grid)
			form := gridForm(t, grid)
			gridSetRow(form, n, map[string]string{"year": "2020", "value": "85.1"}) // a good row: saved only with the rest
			gridSetRow(form, n+1, map[string]string{"year": "2021"})
			gridSetRow(form, n+1, tt.cells)
			body, _ := ed.do("POST", dataIndPath+"/data", form, http.StatusUnprocessableEntity)
			mustContain(t, "grid", body, "Nothing was saved")
			id := tt.cell + "-" + strconv.Itoa(n+1)
			msg := regexp.MustCompile(`id="` + id + `-error">([^<]*)<`).FindStringSubmatch(body)
			if msg == nil || !strings.Contains(html.UnescapeString(msg[1]), tt.want) {
				t.Errorf("message next to %s = %v, want %q", id, msg, tt.want)
			}
			if !strings.Contains(body, `aria-invalid="true" aria-describedby="`+id+`-error"`) {
				t.Errorf("cell %s is not marked invalid", id)
			}
			for k, v := range tt.cells { // the typed text comes back as typed
				mustContain(t, "kept input", body, `name="`+k+"-"+strconv.Itoa(n+1)+`" value="`+html.EscapeString(v)+`"`)
			}
			if good := "value-" + strconv.Itoa(n); strings.Contains(body, `id="`+good+`-error"`) {
				t.Errorf("the good row got a message")
			}
			after := dataPublicDetail(t, a)
			if len(after.Measurements) != len(before.Measurements) || after.allGroups(2020) != nil {
				t.Errorf("measurements %d -> %d (2020: %+v): nothing may be stored", len(before.Measurements), len(after.Measurements), after.allGroups(2020))
			}
		})
	}
}

// dataReviewItems returns the checkbox values of the review page.
var dataReviewCheckbox = regexp.MustCompile(`type="checkbox" id="[^"]*" name="item" value="([^"]+)"`)

func dataReviewItems(t *testing.T, body string) []string {
	t.Helper()
	var out []string
	for _, m := range dataReviewCheckbox.FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// dataSubmit2021 lets a contributor enter 2021 through the grid.
func dataSubmit2021(t *testing.T, c *dataBrowser, value string) {
	t.Helper()
	grid, _ := c.do("GET", dataIndPath+"/data", nil, 200)
	mustContain(t, "contributor grid", grid, "wait for an editor's approval")
	n, _ := gridFirstNewRow(t, grid)
	form := gridForm(t, grid)
	gridSetRow(form, n, map[string]string{"year": "2021", "value": value})
	_, resp := c.do("POST", dataIndPath+"/data", form, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != dataIndPath+"?pending=1" {
		t.Errorf("contributor redirect = %q, want the indicator with pending figures", loc)
	}
}

func TestDataContributorApprovalFlow(t *testing.T) {
	a := newApp(t)
	con := dataMember(t, a, "steward@example.org", domain.RoleContributor, dataSteward)
	viewer := dataMember(t, a, "viewer@example.org", domain.RoleViewer, "")
	ed := dataMember(t, a, "editor@example.org", domain.RoleEditor, "")
	dataSubmit2021(t, con, "86.7")

	if f := dataPublicDetail(t, a).allGroups(2021); f != nil {
		t.Fatalf("public API shows the submitted figure: %+v", f)
	}
	var pub dataDetailJSON
	a.getJSON(dataAPIPath+"?pending=1", 200, &pub)
	if pub.allGroups(2021) != nil {
		t.Errorf("the public got a pending figure by asking for it")
	}
	page, _ := a.get(dataIndPath+"?pending=1", 200)
	mustNotContain(t, "public page with ?pending=1", page, "86.7%", "pending approval")

	plain, _ := viewer.do("GET", dataIndPath, nil, 200)
	mustNotContain(t, "viewer page", plain, "86.7%")
	mustContain(t, "viewer page", plain, `href="?pending=1"`)
	pending, _ := viewer.do("GET", dataIndPath+"?pending=1", nil, 200)
	mustContain(t, "viewer page with pending", pending, "86.7%", `<span class="tag pending">pending approval</span>`, "charts and statuses use approved figures only")
	mustNotContain(t, "chart with pending", chartOption(t, pending, "progress-"+dataInd), "86.7")
	viewer.do("GET", "/p/"+dataSlug+"/review", nil, http.StatusForbidden)

	// An editor saving the whole grid untouched approves nothing by accident.
	grid, _ := ed.do("GET", dataIndPath+"/data", nil, 200)
	mustContain(t, "editor grid", grid, `<span class="tag submitted">pending approval</span><br><span class="muted small">by steward@<wbr>example.org, `)
	ed.do("POST", dataIndPath+"/data", gridForm(t, grid), http.StatusSeeOther)
	if f := dataPublicDetail(t, a).allGroups(2021); f != nil {
		t.Fatalf("re-saving the grid published the submitted figure: %+v", f)
	}

	review, _ := ed.do("GET", "/p/"+dataSlug+"/review", nil, 200)
	mustContain(t, "review", review, "86.7%", "steward@<wbr>example.org", "new")
	items := dataReviewItems(t, review)
	if len(items) != 1 {
		t.Fatalf("review items = %v, want the one submitted figure", items)
	}
	form := url.Values{"_csrf": {dataCSRF(t, review)}, "action": {"approve"}, "item": items, "comment": {"Checked against the district report"}}
	ed.do("POST", "/p/"+dataSlug+"/review", form, http.StatusSeeOther)

	after := dataPublicDetail(t, a)
	if f := after.allGroups(2021); f == nil || f.Value == nil || *f.Value != 86.7 || f.Status != "approved" {
		t.Fatalf("public 2021 after approval = %+v, want 86.7 approved", f)
	}
	if l := after.Progress.Latest; l == nil || l.Year != 2021 {
		t.Errorf("latest = %+v, want 2021 once approved", l)
	}
	hist, _ := viewer.do("GET", dataIndPath+"/history?year=2021", nil, 200)
	mustContain(t, "history", hist, "approved", "editor@example.org", "steward@example.org", "Checked against the district report")
	review, _ = ed.do("GET", "/p/"+dataSlug+"/review", nil, 200)
	mustContain(t, "empty review", review, "Nothing waits for review")
}

func TestDataReturnFlow(t *testing.T) {
	a := newApp(t)
	con := dataMember(t, a, "steward@example.org", domain.RoleContributor, dataSteward)
	ed := dataMember(t, a, "editor@example.org", domain.RoleEditor, "")
	dataSubmit2021(t, con, "86.7")
	review, _ := ed.do("GET", "/p/"+dataSlug+"/review", nil, 200)
	items := dataReviewItems(t, review)
	form := url.Values{"_csrf": {dataCSRF(t, review)}, "action": {"return"}, "item": items}
	body, _ := ed.do("POST", "/p/"+dataSlug+"/review", form, http.StatusUnprocessableEntity)
	mustContain(t, "return without comment", body, "Say in the comment why")

	form.Set("comment", "Please cite the district's graduation report")
	ed.do("POST", "/p/"+dataSlug+"/review", form, http.StatusSeeOther)
	grid, _ := con.do("GET", dataIndPath+"/data", nil, 200)
	mustContain(t, "contributor grid", grid, `<span class="tag returned">returned</span>`, "Returned</strong> by editor@example.org",
		"Please cite the district&#39;s graduation report")
	if f := dataPublicDetail(t, a).allGroups(2021); f != nil {
		t.Errorf("public sees a returned figure: %+v", f)
	}

	// The contributor corrects it; it is submitted again and shows what it replaces.
	form = gridForm(t, grid)
	key := url.Values{"y": {"2021"}, "d": {""}, "g": {""}}.Encode()
	for k, v := range form {
		if strings.HasPrefix(k, "key-") && v[0] == key {
			form.Set("value-"+strings.TrimPrefix(k, "key-"), "86.9")
			form.Set("source-"+strings.TrimPrefix(k, "key-"), "https://www.asdk12.org/")
		}
	}
	con.do("POST", dataIndPath+"/data", form, http.StatusSeeOther)
	review, _ = ed.do("GET", "/p/"+dataSlug+"/review", nil, 200)
	mustContain(t, "resubmitted", review, "86.7%", "returned", "86.9%")
}

func TestDataContributorOtherStewardForbidden(t *testing.T) {
	a := newApp(t)
	other := dataMember(t, a, "uw@example.org", domain.RoleContributor, dataOther)
	body, _ := other.do("GET", dataIndPath+"/data", nil, http.StatusForbidden)
	mustContain(t, "403 page", body, "stewards", dataSteward)
	grid, _ := other.do("GET", "/login", nil, 200)
	form := url.Values{"_csrf": {dataCSRF(t, grid)}, "rows": {"1"}, "year-0": {"2021"}, "value-0": {"80"}}
	other.do("POST", dataIndPath+"/data", form, http.StatusForbidden)
	viewer := dataMember(t, a, "viewer@example.org", domain.RoleViewer, "")
	viewer.do("GET", dataIndPath+"/data", nil, http.StatusForbidden)
	public := &dataBrowser{t: t, a: a, client: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	for _, path := range []string{dataIndPath + "/data", dataIndPath + "/history", "/p/" + dataSlug + "/review"} {
		_, resp := public.do("GET", path, nil, http.StatusSeeOther)
		if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/login") {
			t.Errorf("%s: public redirected to %q, want the sign-in page", path, loc)
		}
	}
	if f := dataPublicDetail(t, a).allGroups(2021); f != nil {
		t.Errorf("a forbidden entry was stored: %+v", f)
	}
}

// apiCall sends JSON with a bearer token and decodes the answer.
func (m *dataBrowser) apiCall(method, path, token, body string, want int, out any) {
	m.t.Helper()
	req, err := http.NewRequest(method, m.a.srv.URL+path, bytes.NewBufferString(body))
	if err != nil {
		m.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	got, _ := m.send(req, want)
	if out != nil {
		if err := json.Unmarshal([]byte(got), out); err != nil {
			m.t.Fatalf("decode %s: %v; body %.300s", path, err, got)
		}
	}
}

func (m *dataBrowser) token() string {
	m.t.Helper()
	secret, _, err := m.a.db.CreateToken(context.Background(), m.id, dataSlug, "test", m.email)
	if err != nil {
		m.t.Fatalf("create token: %v", err)
	}
	return secret
}

type dataAPIError struct {
	Error struct {
		Code   string              `json:"code"`
		Fields []domain.FieldError `json:"fields"`
	} `json:"error"`
}

func (e dataAPIError) has(place, field, text string) bool {
	for _, f := range e.Error.Fields {
		if f.Place == place && f.Field == field && strings.Contains(f.Message, text) {
			return true
		}
	}
	return false
}

func TestDataAPIPutAllOrNothing(t *testing.T) {
	a := newApp(t)
	ed := dataMember(t, a, "editor@example.org", domain.RoleEditor, "")
	tok := ed.token()
	before := dataPublicDetail(t, a)
	put := dataAPIPath + "/measurements"
	bad := `{"comment": "load", "measurements": [
		{"year": 2020, "value": 85.1, "source": "https://www.asdk12.org/"},
		{"year": 2021, "value": "NaN"},
		{"year": 0, "value": 80},
		{"year": 2022, "value": 1e309},
		{"year": 2023, "value": 50, "numerator": 60, "denominator": 50},
		{"year": 2024, "value": 120}]}`
	var e dataAPIError
	ed.apiCall("PUT", put, tok, bad, http.StatusBadRequest, &e)
	wants := [][3]string{{"item 2", "value", "not a number"}, {"item 3", "year", "outside 1900..2100"}, {"item 4", "value", "not a number"},
		{"item 5", "numerator", "greater than denominator"}, {"item 6", "value", "outside 0..100"}}
	for _, w := range wants {
		if !e.has(w[0], w[1], w[2]) {
			t.Errorf("errors %+v lack %v", e.Error.Fields, w)
		}
	}
	if len(e.Error.Fields) != len(wants) || e.Error.Code != "invalid" {
		t.Errorf("errors = %s %+v, want exactly %d per-item problems", e.Error.Code, e.Error.Fields, len(wants))
	}
	if after := dataPublicDetail(t, a); len(after.Measurements) != len(before.Measurements) {
		t.Fatalf("measurements %d -> %d after a rejected PUT", len(before.Measurements), len(after.Measurements))
	}
	for _, body := range []string{`{"measurements": [{"year": 2020, "value": 85.1, "colour": "red"}]}`, `{"measurements": []}`,
		`{"measurements": [{"year": 2020, "value": 85.1, "Value": 10}]}`, `{"measurements": [{"year": 2020, "value": 85.1, "value": 10}]}`,
		`{"measurements": [{"year": 2020, "value": 85.1}]} {}`, `not json`} {
		ed.apiCall("PUT", put, tok, body, http.StatusBadRequest, nil)
	}

	var res struct{ Added, Changed, Unchanged int }
	good := `{"comment": "class of 2020", "measurements": [{"year": 2020, "value": 85.1, "source": "https://www.asdk12.org/"}, {"year": 2019, "value": 84,
		"note": "United Way of Anchorage: 84% in 2019; ADN 2020-03-11 says 'more than 84%'; ASD Jan 2020 doc 'all-time high 84%'",
		"source": "https://northernlightscfc.givecfc.org/charity-story/back-track-moamoa-ane-vaafuti"}]}`
	ed.apiCall("PUT", put, tok, good, 200, &res)
	if res.Added != 1 || res.Changed != 0 || res.Unchanged != 1 {
		t.Errorf("result = %+v, want 1 added and the repeated 2019 unchanged", res)
	}
	if f := dataPublicDetail(t, a).allGroups(2020); f == nil || *f.Value != 85.1 {
		t.Errorf("2020 = %+v, want 85.1", f)
	}
	var hist struct {
		Entries []struct {
			Actor, Action, Comment string
			New                    *struct{ Value float64 } `json:"new"`
		} `json:"entries"`
	}
	ed.apiCall("GET", dataAPIPath+"/history?year=2020", tok, "", 200, &hist)
	if len(hist.Entries) != 1 || hist.Entries[0].Actor != "editor@example.org" || hist.Entries[0].Action != "create" ||
		hist.Entries[0].Comment != "class of 2020" || hist.Entries[0].New == nil || hist.Entries[0].New.Value != 85.1 {
		t.Errorf("history = %+v, want the editor's creation of 85.1 with the comment", hist.Entries)
	}
}

func TestDataAPIApproveReturn(t *testing.T) {
	a := newApp(t)
	con := dataMember(t, a, "steward@example.org", domain.RoleContributor, dataSteward)
	ed := dataMember(t, a, "editor@example.org", domain.RoleEditor, "")
	ctok, etok := con.token(), ed.token()
	var res struct{ Added int }
	con.apiCall("PUT", dataAPIPath+"/measurements", ctok, `{"measurements": [{"year": 2021, "value": 86.7}, {"year": 2022, "value": 87}]}`, 200, &res)
	if res.Added != 2 || dataPublicDetail(t, a).allGroups(2021) != nil {
		t.Fatalf("contributor PUT: added %d, public 2021 %+v; want 2 added, none public", res.Added, dataPublicDetail(t, a).allGroups(2021))
	}
	var e dataAPIError
	con.apiCall("PUT", dataAPIPath+"/measurements", ctok, `{"measurements": [{"year": 2019, "value": 85}]}`, http.StatusBadRequest, &e)
	if !e.has("item 1", "value", "only an editor can change it") {
		t.Errorf("contributor changing an approved figure: %+v", e.Error.Fields)
	}
	con.apiCall("POST", dataAPIPath+"/measurements/approve", ctok, `{"items": [{"year": 2021, "value": 86.7}]}`, http.StatusForbidden, nil)
	ed.apiCall("POST", dataAPIPath+"/measurements/return", etok, `{"items": [{"year": 2022, "value": 87}]}`, http.StatusBadRequest, nil)

	var st struct {
		Updated int
		Status  string
	}
	ed.apiCall("POST", dataAPIPath+"/measurements/approve", etok, `{"comment": "ok", "items": [{"year": 2021, "value": 86.7}]}`, 200, &st)
	if st.Updated != 1 || st.Status != "approved" {
		t.Errorf("approve = %+v", st)
	}
	ed.apiCall("POST", dataAPIPath+"/measurements/return", etok, `{"comment": "source?", "items": [{"year": 2022, "value": 87}]}`, 200, &st)
	if st.Updated != 1 || st.Status != "returned" {
		t.Errorf("return = %+v", st)
	}
	ed.apiCall("POST", dataAPIPath+"/measurements/approve", etok, `{"items": [{"year": 2022, "value": 87}]}`, http.StatusConflict, nil)
	d := dataPublicDetail(t, a)
	if d.allGroups(2021) == nil || d.allGroups(2022) != nil {
		t.Errorf("public: 2021 %+v, 2022 %+v; want only the approved 2021", d.allGroups(2021), d.allGroups(2022))
	}
	other := dataMember(t, a, "uw@example.org", domain.RoleContributor, dataOther)
	other.apiCall("PUT", dataAPIPath+"/measurements", other.token(), `{"measurements": [{"year": 2023, "value": 80}]}`, http.StatusForbidden, nil)
}

// dataPut2022 lets a contributor submit 2022 through the API.
func dataPut2022(t *testing.T, con *dataBrowser, tok, value string) {
	t.Helper()
	con.apiCall("PUT", dataAPIPath+"/measurements", tok, `{"measurements": [{"year": 2022, "value": `+value+`}]}`, 200, nil)
}

// TestDataReviewStaleApproval: an editor's approval is of the figure the
// review page showed; one the contributor changed since is refused with
// the list shown again, not approved unseen.
func TestDataReviewStaleApproval(t *testing.T) {
	a := newApp(t)
	con := dataMember(t, a, "steward@example.org", domain.RoleContributor, dataSteward)
	ed := dataMember(t, a, "editor@example.org", domain.RoleEditor, "")
	ctok := con.token()
	dataPut2022(t, con, ctok, "70")
	review, _ := ed.do("GET", "/p/"+dataSlug+"/review", nil, 200)
	items := dataReviewItems(t, review)
	dataPut2022(t, con, ctok, "30")

	form := url.Values{"_csrf": {dataCSRF(t, review)}, "action": {"approve"}, "item": items}
	body, _ := ed.do("POST", "/p/"+dataSlug+"/review", form, http.StatusConflict)
	mustContain(t, "stale approval", body, `<p class="flash" role="status">Nothing was approved: a figure changed since it was shown to you; review it again:`,
		"(2022, all groups) is now 30, entered by steward@example.org", "70% <span class=\"tag submitted\">submitted</span> → <strong>30%</strong>")
	if f := dataPublicDetail(t, a).allGroups(2022); f != nil {
		t.Fatalf("the changed figure was published: %+v", f)
	}
	if again := dataReviewItems(t, body); len(again) != 1 || again[0] == items[0] || strings.Contains(body, "checked>") {
		t.Errorf("re-rendered items %v (was %v): want the one figure with its new version, unticked", again, items)
	}

	form = url.Values{"_csrf": {dataCSRF(t, body)}, "action": {"approve"}, "item": dataReviewItems(t, body)}
	ed.do("POST", "/p/"+dataSlug+"/review", form, http.StatusSeeOther)
	if f := dataPublicDetail(t, a).allGroups(2022); f == nil || *f.Value != 30 || f.Status != "approved" {
		t.Errorf("after approving what was shown: 2022 = %+v, want 30 approved", f)
	}
}

// TestDataAPIStaleApproval: the API names the value the caller was shown
// (required), optionally its entry time, and a changed figure is a 409.
func TestDataAPIStaleApproval(t *testing.T) {
	a := newApp(t)
	con := dataMember(t, a, "steward@example.org", domain.RoleContributor, dataSteward)
	ed := dataMember(t, a, "editor@example.org", domain.RoleEditor, "")
	ctok, etok := con.token(), ed.token()
	dataPut2022(t, con, ctok, "70")
	dataPut2022(t, con, ctok, "30")
	approve := dataAPIPath + "/measurements/approve"

	var e struct {
		Error struct {
			Code, Message string
			Fields        []domain.FieldError
		}
	}
	ed.apiCall("POST", approve, etok, `{"items": [{"year": 2022, "value": 70}]}`, http.StatusConflict, &e)
	if e.Error.Code != "conflict" || !strings.Contains(e.Error.Message, "changed since it was shown") || !strings.Contains(e.Error.Message, "is now 30") {
		t.Errorf("stale approval: %+v, want a conflict saying the figure changed", e.Error)
	}
	e.Error.Fields = nil
	ed.apiCall("POST", approve, etok, `{"items": [{"year": 2022}]}`, http.StatusBadRequest, &e)
	if len(e.Error.Fields) != 1 || e.Error.Fields[0].Field != "value" || !strings.Contains(e.Error.Fields[0].Message, "send the value you were shown") {
		t.Errorf("approval without a value: %+v, want it required", e.Error)
	}
	ed.apiCall("POST", approve, etok, `{"items": [{"year": 2022, "value": 30, "entered_at": "2001-01-01T00:00:00Z"}]}`, http.StatusConflict, nil)
	if f := dataPublicDetail(t, a).allGroups(2022); f != nil {
		t.Fatalf("a refused approval published 2022: %+v", f)
	}
	ed.apiCall("POST", approve, etok, `{"items": [{"year": 2022, "value": 30}]}`, 200, nil)
	if f := dataPublicDetail(t, a).allGroups(2022); f == nil || *f.Value != 30 {
		t.Errorf("2022 = %+v, want 30 approved", f)
	}
}

// TestDataTablesFitWidth: the grid and the review list fit a 1280 px
// window without scrolling sideways, which needs few columns (paired
// inputs share a cell; who and when share one) and e-mail addresses that
// can wrap (checked by screenshot at 1280 px).
func TestDataTablesFitWidth(t *testing.T) {
	a := newApp(t)
	con := dataMember(t, a, "a.very.long.steward.address@anchorage-school-district.example.org", domain.RoleContributor, dataSteward)
	ed := dataMember(t, a, "editor@example.org", domain.RoleEditor, "")
	dataSubmit2021(t, con, "86.7")
	grid, _ := ed.do("GET", dataIndPath+"/data", nil, 200)
	review, _ := ed.do("GET", "/p/"+dataSlug+"/review", nil, 200)
	for _, tt := range []struct {
		page, body string
		max        int
	}{{"grid", grid, 7}, {"review", review, 6}} {
		head := tt.body[strings.Index(tt.body, "<thead>"):]
		head = head[:strings.Index(head, "</thead>")]
		if n := strings.Count(head, "<th "); n > tt.max {
			t.Errorf("%s has %d columns, want at most %d to fit 1280 px", tt.page, n, tt.max)
		}
		mustContain(t, tt.page, tt.body, "a.very.long.steward.address@<wbr>anchorage-school-district.example.org")
	}
}
