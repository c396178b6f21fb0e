package web_test

import (
	"context"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/impactboard/impactboard/pkg/browsertest"
	"github.com/impactboard/impactboard/pkg/domain"
)

// The workflow tests drive the data-entry forms as people do: each person
// has a tab in a browser context of their own (their own cookies), signs in
// through /login, types into the real grid and clicks the real buttons.
// Every page they see must be free of console errors.

// flowTimeout bounds everything one person does in their tab.
const flowTimeout = 3 * time.Minute

// Made-up figures: the tests run on a temporary copy of the sample data,
// and no real Anchorage rate has these values.
const (
	testRate       = 87.3 // the editor's 2020 entry
	testCorrection = 87.4 // the editor's correction of it
	testSubmitted  = 86.7 // the contributor's first 2020 submission
	testResubmit   = 86.9 // the contributor's corrected submission
)

// person is one signed-in person's browser tab.
type person struct {
	t     *testing.T
	email string
	base  string // the test server
	tab   *tab
}

// signIn creates an account with one role in Anchorage, opens a tab in a
// fresh browser context and signs in through the login form, which then
// leads to next.
func signIn(t *testing.T, browserCtx context.Context, a *app, email string, role domain.Role, partner, next string) *person {
	t.Helper()
	newUser(t, a.db, email, domain.Membership{Partnership: dataSlug, Role: role, Partner: partner})
	timeout, cancelTimeout := context.WithTimeout(browserCtx, flowTimeout)
	ctx, cancel := chromedp.NewContext(timeout, chromedp.WithNewBrowserContext())
	t.Cleanup(func() {
		cancel()
		cancelTimeout()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab for %s: %v", email, err)
	}
	l := &pageLog{host: strings.TrimPrefix(a.srv.URL, "http://")}
	if err := chromedp.Listen(ctx, l.listener(ctx)); err != nil {
		t.Fatalf("listen: %v", err)
	}
	p := &person{t: t, email: email, base: a.srv.URL, tab: &tab{ctx: ctx, log: l}}
	p.open("/login?next=" + url.QueryEscape(next))
	p.fill("#email", email)
	p.fill("#password", testPassword)
	p.click(`form[action="/login"] button[type="submit"]`, 200)
	if got := p.path(); got != next {
		t.Fatalf("%s signed in and landed on %q, want %q", email, got, next)
	}
	p.waitVisible(`form[action="/logout"] button`) // the "Sign out" button of a signed-in page
	return p
}

// open loads path and checks the page.
func (p *person) open(path string) {
	p.t.Helper()
	resp, err := chromedp.Run(p.tab.ctx, chromedp.NavigateResponse(p.base+path))
	if err != nil {
		p.t.Fatalf("%s: open %s: %v", p.email, path, err)
	}
	if resp.Status != 200 {
		p.t.Fatalf("%s: open %s: status %d, want 200", p.email, path, resp.Status)
	}
	p.settle(resp.URL, resp.Status)
}

// click clicks a button or link that loads a page, waits for that page
// and checks its status (after redirects) and its console.
func (p *person) click(sel string, want int64) {
	p.t.Helper()
	resp, err := chromedp.RunResponse(p.tab.ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		p.t.Fatalf("%s: click %s: %v", p.email, sel, err)
	}
	if resp.Status != want {
		p.t.Fatalf("%s: click %s on %s: status %d, want %d", p.email, sel, p.tab.url, resp.Status, want)
	}
	p.settle(resp.URL, want)
}

// settle waits for the charts of the page just loaded (the document docURL,
// answered with status), fails on anything the page logged as an error,
// and starts a fresh log for the next page.
func (p *person) settle(docURL string, status int64) {
	p.t.Helper()
	loc, err := chromedp.Run(p.tab.ctx, chromedp.Location())
	if err != nil {
		p.t.Fatalf("%s: location: %v", p.email, err)
	}
	p.tab.url = loc
	p.tab.waitCharts(p.t)
	if status >= 400 {
		// A round trip first, so the browser's own log of the status is in.
		if _, err := chromedp.Run(p.tab.ctx, chromedp.Evaluate[chromedp.Void](`0`)); err != nil {
			p.t.Fatalf("%s: %v", p.email, err)
		}
		p.tab.log.allowStatus(docURL, status)
	}
	p.tab.checkClean(p.t)
	p.tab.log.reset()
}

// path is the path and query of the page shown.
func (p *person) path() string { return strings.TrimPrefix(p.tab.url, p.base) }

// fill clears a text input and types value into it, key by key.
func (p *person) fill(sel, value string) {
	p.t.Helper()
	if err := chromedp.Do(p.tab.ctx, chromedp.Clear(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), value)); err != nil {
		p.t.Fatalf("%s: type %q into %s: %v", p.email, value, sel, err)
	}
}

// typeText types into a field that is empty, such as a comment.
func (p *person) typeText(sel, text string) {
	p.t.Helper()
	if err := chromedp.Do(p.tab.ctx, chromedp.SendKeys(chromedp.CSS(sel), text)); err != nil {
		p.t.Fatalf("%s: type into %s: %v", p.email, sel, err)
	}
}

func (p *person) waitVisible(sel string) {
	p.t.Helper()
	if err := chromedp.Do(p.tab.ctx, chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
		p.t.Fatalf("%s: %s not visible on %s: %v", p.email, sel, p.tab.url, err)
	}
}

// text is the text of the first element matching sel, once it is
// visible: its textContent, so that the style sheet's text-transform does
// not change what the test reads.
func (p *person) text(sel string) string {
	p.t.Helper()
	p.waitVisible(sel)
	s, err := chromedp.Run(p.tab.ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		p.t.Fatalf("%s: text of %s: %v", p.email, sel, err)
	}
	return strings.TrimSpace(s)
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](p *person, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.tab.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("%s: evaluate on %s: %v", p.email, p.tab.url, err)
	}
	return v
}

// tableRows reads the body rows of the tables whose caption contains
// caption, each row as the trimmed text of its cells.
func tableRows(t *testing.T, tb *tab, caption string) [][]string {
	t.Helper()
	rows, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[][]string](`Array.from(document.querySelectorAll('table'))
		.filter(tb => tb.caption && tb.caption.textContent.includes(`+strconv.Quote(caption)+`))
		.flatMap(tb => Array.from(tb.tBodies[0].rows, tr => Array.from(tr.cells, c => c.textContent.trim())))`))
	if err != nil {
		t.Fatalf("%s: read the table %q: %v", tb.url, caption, err)
	}
	return rows
}

// allowStatus drops the one error Chromium logs by itself for a document
// answered with an error status the test asked for, such as a refused
// form shown again with 422. Anything else the page logs still fails.
func (l *pageLog) allowStatus(docURL string, status int64) {
	own := fmt.Sprintf("browser log (network): Failed to load resource: the server responded with a status of %d ", status)
	l.mu.Lock()
	defer l.mu.Unlock()
	kept := l.errors[:0]
	for _, e := range l.errors {
		if !(strings.HasPrefix(e, own) && strings.HasSuffix(e, ") "+docURL)) {
			kept = append(kept, e)
		}
	}
	l.errors = kept
}

// reset forgets what the previous page logged.
func (l *pageLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errors, l.warnings, l.outside, l.dialogs = nil, nil, nil, nil
}

// Grid helpers. The grid names its inputs after the cell and the row
// number (value-3, year-3, ...); a stored figure's row carries its key
// (year, dimension, group) in a hidden key-N input.

// newGridRow returns the number of the first empty row for a new figure.
func (p *person) newGridRow() string {
	p.t.Helper()
	name := eval[string](p, `(document.querySelector('form.grid-entry input[name^="year-"]') || {name: ''}).name`)
	if name == "" {
		p.t.Fatalf("%s: the grid on %s has no row for a new figure", p.email, p.tab.url)
	}
	return strings.TrimPrefix(name, "year-")
}

// storedGridRow returns the number of the row of a stored all-groups figure.
func (p *person) storedGridRow(year int) string {
	p.t.Helper()
	key := "d=&g=&y=" + strconv.Itoa(year) // as keyValue encodes it
	name := eval[string](p, `(Array.from(document.querySelectorAll('form.grid-entry input[name^="key-"]'))
		.find(i => i.value === `+strconv.Quote(key)+`) || {name: ''}).name`)
	if name == "" {
		p.t.Fatalf("%s: the grid on %s has no row for the stored %d figure", p.email, p.tab.url, year)
	}
	return strings.TrimPrefix(name, "key-")
}

// gridRowSel selects the table row of grid row n: the rows' ids count
// from 1, as the "Row" column does.
func gridRowSel(n string) string {
	i, _ := strconv.Atoi(n)
	return "#row-" + strconv.Itoa(i+1)
}

// fillCell types into one cell (value, year, num, note...) of a grid row.
func (p *person) fillCell(cell, row, value string) { p.fill("#"+cell+"-"+row, value) }

// saveGrid types the comment, replacing one a refused grid brought back,
// and clicks "Save all rows".
func (p *person) saveGrid(comment string, want int64) {
	p.t.Helper()
	if eval[string](p, `document.querySelector('form.grid-entry #comment').value`) != "" {
		if err := chromedp.Do(p.tab.ctx, chromedp.Clear(chromedp.CSS("form.grid-entry #comment"))); err != nil {
			p.t.Fatalf("%s: clear the comment: %v", p.email, err)
		}
	}
	if comment != "" {
		p.typeText("form.grid-entry #comment", comment)
	}
	p.click(`form.grid-entry button[type="submit"]`, want)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func pct(v float64) string { return num(v) + "%" }

// Checks of what others see.

// publicFigure is the all-groups figure of a year in the public API (plain
// HTTP, no cookies), nil if it has none.
func publicFigure(t *testing.T, a *app, year int) *dataFigureJSON {
	t.Helper()
	return dataPublicDetail(t, a).allGroups(year)
}

// overviewLatest is the latest value the overview's card of the
// graduation indicator shows, as the public sees it.
func overviewLatest(t *testing.T, ctx context.Context, a *app) string {
	t.Helper()
	tb := visit(t, ctx, a.srv.URL+"/p/"+dataSlug)
	tb.checkClean(t)
	latest, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(() => {
		const a = document.querySelector('article.card h3 a[href$="/indicators/`+dataInd+`"]');
		return a ? a.closest('article.card').querySelector('.latest').textContent.trim() : '';
	})()`))
	if err != nil {
		t.Fatalf("overview: read the card: %v", err)
	}
	if latest == "" {
		t.Fatalf("overview: no card for %s", dataInd)
	}
	return latest
}

// publicChartActual is the Actual line of the indicator's progress chart,
// by year, as the public's browser holds it in the ECharts instance.
func publicChartActual(t *testing.T, ctx context.Context, a *app) map[string]float64 {
	t.Helper()
	tb := visit(t, ctx, a.srv.URL+dataIndPath)
	tb.checkClean(t)
	return chartActual(t, tb.charts(t))
}

func chartActual(t *testing.T, charts []chartFacts) map[string]float64 {
	t.Helper()
	checkCharts(t, charts)
	c, ok := findChart(charts, "progress-"+dataInd)
	if !ok {
		t.Fatalf("no chart progress-%s on the page", dataInd)
	}
	actual, ok := findSeries(c.instanceSeries(t), "Actual")
	if !ok {
		t.Fatalf("progress chart: no Actual series in %s", c.Series)
	}
	return byYear(t, c.categories(t), actual.Data)
}

// publishedRates are the sample data's Anchorage graduation rates.
func publishedRates() map[string]float64 {
	return map[string]float64{
		"2005": 59, "2011": 72, "2012": 73, "2013": 76, "2015": 80.2,
		"2016": 79.7, "2017": 81.4, "2018": 80.7, "2019": 84,
	}
}

// historyRows are the rows of the history page: when, who, figure,
// change, before, after, comment.
func historyRows(p *person, year int) [][]string {
	p.t.Helper()
	p.open(dataIndPath + "/history?year=" + strconv.Itoa(year))
	return tableRows(p.t, p.tab, "Changes to the figures of")
}

func wantHistory(t *testing.T, got []string, who, change, before, after, comment string) {
	t.Helper()
	if len(got) != 7 {
		t.Fatalf("history row %q: want 7 cells", got)
	}
	want := []string{got[0], who, "2020, All", change, before, after, comment}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("history row:\n got  %q\n want %q", got, want)
	}
}

// TestBrowserEditorEntersData is the acceptance test of data entry: an
// editor enters 2020 for Anchorage's graduation rate in the browser; the
// overview, the chart and the API show it at once, and the history shows
// the change. A bad cell first: 120% is refused next to its cell and
// nothing is saved.
func TestBrowserEditorEntersData(t *testing.T) {
	ctx := browsertest.Start(t)
	a := newApp(t)
	if f := publicFigure(t, a, 2020); f != nil {
		t.Fatalf("the sample data already has 2020: %+v", f)
	}
	before := len(dataPublicDetail(t, a).Measurements)

	ed := signIn(t, ctx, a, "editor@example.org", domain.RoleEditor, "", dataIndPath+"/data")

	// 120% is refused, the message next to the cell, and nothing is saved.
	row := ed.newGridRow()
	ed.fillCell("year", row, "2020")
	ed.fillCell("value", row, "120")
	ed.saveGrid("browser test: a bad cell", 422)
	if msg := ed.text("#value-" + row + "-error"); !strings.Contains(msg, "120% is outside 0..100") {
		t.Errorf("message next to the cell = %q, want it to say 120%% is outside 0..100", msg)
	}
	if invalid := eval[string](ed, `document.querySelector('#value-`+row+`').getAttribute('aria-invalid') || ''`); invalid != "true" {
		t.Errorf("the bad cell has aria-invalid=%q, want true", invalid)
	}
	if alert := ed.text(`.errors[role="alert"]`); !strings.Contains(alert, "Nothing was saved.") {
		t.Errorf("alert above the grid = %q, want it to say nothing was saved", alert)
	}
	if f := publicFigure(t, a, 2020); f != nil {
		t.Fatalf("the refused grid stored 2020: %+v", f)
	}
	if n := len(dataPublicDetail(t, a).Measurements); n != before {
		t.Fatalf("the refused grid changed the figures: %d, want %d", n, before)
	}

	// The grid came back as typed; the editor corrects the cell and saves.
	if got := eval[string](ed, `document.querySelector('#value-`+row+`').value`); got != "120" {
		t.Errorf("the refused cell came back as %q, want what was typed", got)
	}
	ed.fillCell("value", row, num(testRate))
	ed.saveGrid("browser test: first 2020 figure", 200)
	if ed.path() != dataIndPath {
		t.Errorf("after saving the editor is on %s, want the indicator page", ed.path())
	}
	if msg := ed.text(`p.flash[role="status"]`); !strings.Contains(msg, "1 added") {
		t.Errorf("flash = %q, want 1 added", msg)
	}

	// At once: the API, the overview and the chart, all public.
	if f := publicFigure(t, a, 2020); f == nil || f.Value == nil || *f.Value != testRate || f.Status != "approved" {
		t.Fatalf("public API 2020 = %+v, want %v approved", f, testRate)
	}
	if l := dataPublicDetail(t, a).Progress.Latest; l == nil || l.Year != 2020 || l.Value != testRate {
		t.Errorf("public API latest = %+v, want 2020 %v", l, testRate)
	}
	if got, want := overviewLatest(t, ctx, a), pct(testRate)+" in 2020"; got != want {
		t.Errorf("overview card latest = %q, want %q", got, want)
	}
	want := publishedRates()
	want["2020"] = testRate
	if got := publicChartActual(t, ctx, a); !reflect.DeepEqual(got, want) {
		t.Errorf("progress chart Actual = %v, want %v", got, want)
	}
	// The editor's own view of the indicator holds it too.
	if got := chartActual(t, ed.tab.charts(t)); !reflect.DeepEqual(got, want) {
		t.Errorf("editor's progress chart Actual = %v, want %v", got, want)
	}

	// A correction, so the history shows old → new.
	ed.open(dataIndPath + "/data")
	ed.fillCell("value", ed.storedGridRow(2020), num(testCorrection))
	ed.saveGrid("browser test: corrected 2020", 200)
	if f := publicFigure(t, a, 2020); f == nil || f.Value == nil || *f.Value != testCorrection {
		t.Errorf("public API 2020 after the correction = %+v, want %v", f, testCorrection)
	}

	hist := historyRows(ed, 2020)
	if len(hist) != 2 {
		t.Fatalf("history of 2020 has %d rows, want the entry and the correction: %q", len(hist), hist)
	}
	wantHistory(t, hist[0], "editor@example.org", "changed",
		pct(testRate)+", approved", pct(testCorrection)+", approved", "browser test: corrected 2020")
	wantHistory(t, hist[1], "editor@example.org", "entered", "–", pct(testRate)+", approved", "browser test: first 2020 figure")
}

// TestBrowserApproveReturn is the approval flow end to end: a contributor's
// figure waits, unseen by the public, shown to a viewer who includes
// pending figures; an editor returns it with a comment the contributor
// reads, approves the corrected one, and only then does the public see it.
func TestBrowserApproveReturn(t *testing.T) {
	ctx := browsertest.Start(t)
	a := newApp(t)
	approvedLatest := overviewLatest(t, ctx, a)

	// The data steward's contributor submits 2020.
	con := signIn(t, ctx, a, "steward@example.org", domain.RoleContributor, dataSteward, dataIndPath+"/data")
	if note := con.text(`p.flash[role="note"]`); !strings.Contains(note, "submitted") {
		t.Errorf("contributor's grid note = %q, want it to say figures are submitted", note)
	}
	row := con.newGridRow()
	con.fillCell("year", row, "2020")
	con.fillCell("value", row, num(testSubmitted))
	con.saveGrid("browser test: from the district's report", 200)
	if con.path() != dataIndPath+"?pending=1" {
		t.Errorf("after submitting the contributor is on %s, want the indicator with pending figures", con.path())
	}
	if msg := con.text(`p.flash[role="status"]`); !strings.Contains(msg, "wait for an editor's approval") {
		t.Errorf("flash = %q, want it to say the figure waits for approval", msg)
	}
	if got := figureRow(t, con.tab, 2020); got == nil || got[2] != pct(testSubmitted) || got[4] != "pending approval" {
		t.Errorf("contributor's figures row for 2020 = %q, want %s pending approval", got, pct(testSubmitted))
	}

	// The public sees nothing of it.
	publicSeesNo2020(t, ctx, a, approvedLatest)

	// A viewer sees it only after switching on "include pending", marked.
	viewer := signIn(t, ctx, a, "viewer@example.org", domain.RoleViewer, "", dataIndPath)
	if got := figureRow(t, viewer.tab, 2020); got != nil {
		t.Errorf("viewer sees the submitted figure without asking: %q", got)
	}
	viewer.click(`p.data-tools a[href="?pending=1"]`, 200)
	if msg := viewer.text("p.data-tools strong"); msg != "Including figures pending approval" {
		t.Errorf("pending switch = %q, want it to say pending figures are included", msg)
	}
	if got := figureRow(t, viewer.tab, 2020); got == nil || got[2] != pct(testSubmitted) || got[4] != "pending approval" {
		t.Errorf("viewer's figures row for 2020 with pending = %q, want %s marked pending approval", got, pct(testSubmitted))
	}
	if got := chartActual(t, viewer.tab.charts(t)); !reflect.DeepEqual(got, publishedRates()) {
		t.Errorf("viewer's chart with pending = %v, want approved figures only", got)
	}

	// An editor returns it with a comment.
	ed := signIn(t, ctx, a, "editor@example.org", domain.RoleEditor, "", "/p/"+dataSlug+"/review")
	ed.selectForReview(2020)
	ed.typeText("#comment", "browser test: please cite the district's report")
	ed.click(`button[name="action"][value="return"]`, 200)
	if msg := ed.text(`p.flash[role="status"]`); msg != "Returned 1 figure(s)." {
		t.Errorf("flash = %q, want Returned 1 figure(s).", msg)
	}
	if f := publicFigure(t, a, 2020); f != nil {
		t.Errorf("public API shows a returned figure: %+v", f)
	}

	// The contributor reads why and submits a corrected figure.
	con.open(dataIndPath + "/data")
	row = con.storedGridRow(2020)
	if got := con.text(gridRowSel(row) + " .tag"); got != "returned" {
		t.Errorf("contributor's row status = %q, want returned", got)
	}
	note := con.text(gridRowSel(row) + " p.small")
	if !strings.Contains(note, "Returned by editor@example.org") || !strings.Contains(note, "please cite the district's report") {
		t.Errorf("contributor's return note = %q, want the editor and the comment", note)
	}
	con.fillCell("value", row, num(testResubmit))
	con.saveGrid("browser test: cited the report", 200)
	if f := publicFigure(t, a, 2020); f != nil {
		t.Errorf("public API shows a resubmitted figure: %+v", f)
	}

	// The editor sees what it replaces and approves it.
	ed.open("/p/" + dataSlug + "/review")
	review := tableRows(t, ed.tab, "submitted")
	if len(review) != 1 || !strings.Contains(review[0][3], pct(testSubmitted)) || !strings.Contains(review[0][3], "returned") ||
		!strings.Contains(review[0][3], pct(testResubmit)) {
		t.Errorf("review rows = %q, want the one 2020 figure, %s returned → %s", review, pct(testSubmitted), pct(testResubmit))
	}
	ed.selectForReview(2020)
	ed.click(`button[name="action"][value="approve"]`, 200)
	if msg := ed.text(`p.flash[role="status"]`); msg != "Approved 1 figure(s)." {
		t.Errorf("flash = %q, want Approved 1 figure(s).", msg)
	}
	if got := eval[string](ed, `document.body.innerText`); !strings.Contains(got, "Nothing waits for review") {
		t.Errorf("review page after approving = %q, want nothing waiting", got)
	}

	// Now the public sees it: the API, the chart and the overview.
	if f := publicFigure(t, a, 2020); f == nil || f.Value == nil || *f.Value != testResubmit || f.Status != "approved" {
		t.Fatalf("public API 2020 after approval = %+v, want %v approved", f, testResubmit)
	}
	want := publishedRates()
	want["2020"] = testResubmit
	if got := publicChartActual(t, ctx, a); !reflect.DeepEqual(got, want) {
		t.Errorf("public chart after approval = %v, want %v", got, want)
	}
	if got, want := overviewLatest(t, ctx, a), pct(testResubmit)+" in 2020"; got != want {
		t.Errorf("overview card after approval = %q, want %q", got, want)
	}

	// The history tells the whole story, newest first.
	hist := historyRows(viewer, 2020)
	var changes []string
	for _, r := range hist {
		changes = append(changes, r[1]+" "+r[3])
	}
	wantChanges := []string{"editor@example.org approved", "steward@example.org changed", "editor@example.org returned", "steward@example.org entered"}
	if !reflect.DeepEqual(changes, wantChanges) {
		t.Fatalf("history of 2020 = %q, want %q", changes, wantChanges)
	}
	wantHistory(t, hist[2], "editor@example.org", "returned",
		pct(testSubmitted)+", submitted", pct(testSubmitted)+", returned", "browser test: please cite the district's report")
	wantHistory(t, hist[1], "steward@example.org", "changed",
		pct(testSubmitted)+", returned", pct(testResubmit)+", submitted", "browser test: cited the report")
}

// selectForReview ticks the review checkbox of an all-groups figure.
func (p *person) selectForReview(year int) {
	p.t.Helper()
	label := "Select " + strconv.Itoa(year) + ", All"
	id := eval[string](p, `(Array.from(document.querySelectorAll('label[for^="item-"]'))
		.find(l => l.textContent.trim() === `+strconv.Quote(label)+`) || {htmlFor: ''}).htmlFor`)
	if id == "" {
		p.t.Fatalf("%s: no %q checkbox on %s", p.email, label, p.tab.url)
	}
	if err := chromedp.Do(p.tab.ctx, chromedp.Click(chromedp.ID(id))); err != nil {
		p.t.Fatalf("%s: tick %s: %v", p.email, label, err)
	}
	if !eval[bool](p, `document.getElementById(`+strconv.Quote(id)+`).checked`) {
		p.t.Fatalf("%s: %s is not ticked after a click", p.email, label)
	}
}

// figureRow is the all-groups row of a year in the indicator page's table
// of figures (year, group, value, n, status, ...), nil if none.
func figureRow(t *testing.T, tb *tab, year int) []string {
	t.Helper()
	for _, r := range tableRows(t, tb, "every figure, with its source") {
		if len(r) > 4 && r[0] == strconv.Itoa(year) && r[1] == "All" {
			return r
		}
	}
	return nil
}

// publicSeesNo2020 checks that nothing pending reaches the public: not the
// API, even when asked, not the indicator page, not the overview.
func publicSeesNo2020(t *testing.T, ctx context.Context, a *app, approvedLatest string) {
	t.Helper()
	if f := publicFigure(t, a, 2020); f != nil {
		t.Errorf("public API shows a submitted figure: %+v", f)
	}
	var asked dataDetailJSON
	a.getJSON(dataAPIPath+"?pending=1", 200, &asked)
	if f := asked.allGroups(2020); f != nil {
		t.Errorf("public API with ?pending=1 shows a submitted figure: %+v", f)
	}
	tb := visit(t, ctx, a.srv.URL+dataIndPath+"?pending=1")
	tb.checkClean(t)
	if got := figureRow(t, tb, 2020); got != nil {
		t.Errorf("public indicator page with ?pending=1 shows %q", got)
	}
	if got := chartActual(t, tb.charts(t)); !reflect.DeepEqual(got, publishedRates()) {
		t.Errorf("public chart = %v, want the approved figures only", got)
	}
	if got := overviewLatest(t, ctx, a); got != approvedLatest {
		t.Errorf("public overview card = %q, want %q as before the submission", got, approvedLatest)
	}
}
