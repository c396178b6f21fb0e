package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/impactboard/impactboard/pkg/browsertest"
)

// pageTimeout bounds everything done in one tab, so a page that hangs
// fails its own subtest instead of stalling the run.
const pageTimeout = 30 * time.Second

// TestBrowserPages opens the overview, an indicator page and a dashboard of
// both sample partnerships in headless Chromium and checks what a reader
// would see: the scripts ran cleanly under the CSP, nothing was fetched from
// another host, and every chart drew the figures the server sent.
func TestBrowserPages(t *testing.T) {
	ctx := browsertest.Start(t)
	a := newApp(t)
	for _, p := range []string{"anchorage-90-by-2020", "better-together-central-oregon"} {
		for _, path := range []string{"", "/indicators/hs-graduation-4yr", "/dashboards/graduation"} {
			t.Run(p+path, func(t *testing.T) {
				tb := visit(t, ctx, a.srv.URL+"/p/"+p+path)
				tb.checkClean(t)
				charts := tb.charts(t)
				checkCharts(t, charts)
				if p == "anchorage-90-by-2020" && path == "/indicators/hs-graduation-4yr" {
					checkAnchorageProgress(t, charts)
				}
			})
		}
	}
}

// checkAnchorageProgress compares the progress chart with the published
// Anchorage graduation rates, year by year, so a chart that shifted its
// values against the year axis fails even when it matches its own JSON.
func checkAnchorageProgress(t *testing.T, charts []chartFacts) {
	t.Helper()
	c, ok := findChart(charts, "progress-hs-graduation-4yr")
	if !ok {
		t.Fatal("no chart progress-hs-graduation-4yr on the page")
	}
	want := map[string]float64{
		"2005": 59, "2011": 72, "2012": 73, "2013": 76, "2015": 80.2,
		"2016": 79.7, "2017": 81.4, "2018": 80.7, "2019": 84,
	}
	series := c.instanceSeries(t)
	actual, ok := findSeries(series, "Actual")
	if !ok {
		t.Fatalf("progress chart: no Actual series in %s", c.Series)
	}
	if got := byYear(t, c.categories(t), actual.Data); !reflect.DeepEqual(got, want) {
		t.Errorf("progress chart Actual by year = %v, want %v", got, want)
	}
	for _, name := range []string{"Target", "Glide path"} {
		if s, ok := findSeries(series, name); !ok || !hasNumber(s.Data) {
			t.Errorf("progress chart: series %q missing or empty in %s", name, c.Series)
		}
	}
}

// tab is one page, open in its own tab, with what it logged so far.
type tab struct {
	ctx context.Context
	url string
	log *pageLog
}

// visit opens pageURL in a new tab of the browser and waits until every
// chart on it has started. The tab closes when the test ends.
func visit(t *testing.T, browserCtx context.Context, pageURL string) *tab {
	t.Helper()
	ctx := browsertest.Tab(t, browserCtx, pageTimeout)
	u, err := url.Parse(pageURL)
	if err != nil {
		t.Fatalf("parse %s: %v", pageURL, err)
	}
	l := &pageLog{host: u.Host}
	if err := chromedp.Listen(ctx, l.listener(ctx)); err != nil {
		t.Fatalf("listen: %v", err)
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(pageURL))
	if err != nil {
		t.Fatalf("open %s: %v", pageURL, err)
	}
	if resp.Status != 200 {
		t.Fatalf("open %s: status %d, want 200", pageURL, resp.Status)
	}
	tb := &tab{ctx: ctx, url: pageURL, log: l}
	tb.waitCharts(t)
	return tb
}

// chartsStarted is true once charts.js has an instance for every chart
// element; the test then reads instances, not a half-started page.
const chartsStarted = `(() => {
	const charts = window.impactboardCharts || {};
	return Array.prototype.every.call(
		document.querySelectorAll('[data-echarts-option]'),
		el => el.id !== '' && charts[el.id] !== undefined);
})()`

func (tb *tab) waitCharts(t *testing.T) {
	t.Helper()
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](chartsStarted,
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		// Not fatal: the chart checks then name the charts that did not start.
		t.Errorf("%s: charts did not all start: %v", tb.url, err)
	}
}

// checkClean fails on every error the page reported, every request to
// another host and every dialog. Warnings are logged for the reader.
func (tb *tab) checkClean(t *testing.T) {
	t.Helper()
	// A round trip to the page makes the events sent before it arrive.
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](`0`)); err != nil {
		t.Fatalf("%s: %v", tb.url, err)
	}
	l := tb.log
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.errors {
		t.Errorf("%s: %s", tb.url, e)
	}
	for _, u := range l.outside {
		t.Errorf("%s: request leaves the test server: %s", tb.url, u)
	}
	for _, d := range l.dialogs {
		t.Errorf("%s: a JavaScript dialog opened: %s", tb.url, d)
	}
	for _, w := range l.warnings {
		t.Logf("%s: %s", tb.url, w)
	}
}

// pageLog collects, from the tab's event loop, what the page did that a
// test must see.
type pageLog struct {
	host string // the test server's host:port

	mu       sync.Mutex
	errors   []string
	warnings []string
	outside  []string
	dialogs  []string
}

func (l *pageLog) add(list *[]string, s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	*list = append(*list, s)
}

// listener runs in the tab's event loop, so it only records; a dialog is
// dismissed from another goroutine because the page is blocked until then.
func (l *pageLog) listener(ctx context.Context) func(ev any) {
	return func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			l.console(ev)
		case *runtime.EventExceptionThrown:
			l.add(&l.errors, "uncaught exception: "+exceptionText(ev.ExceptionDetails))
		case *cdplog.EventEntryAdded:
			l.entry(ev.Entry)
		case *network.EventRequestWillBeSent:
			l.request(ev.Request.URL)
		case *page.EventJavascriptDialogOpening:
			l.add(&l.dialogs, fmt.Sprintf("%s %q", ev.Type, ev.Message))
			go func() {
				_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{})
			}()
		}
	}
}

func (l *pageLog) console(ev *runtime.EventConsoleAPICalled) {
	var args []string
	for _, a := range ev.Args {
		if a.Description != "" {
			args = append(args, a.Description)
		} else {
			args = append(args, string(a.Value))
		}
	}
	msg := fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " "))
	switch ev.Type {
	case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert:
		l.add(&l.errors, msg)
	case runtime.ConsoleAPICalledTypeWarning:
		l.add(&l.warnings, msg)
	}
}

// entry records browser log entries: CSP violations, failed loads and
// the like arrive here, not as console calls.
func (l *pageLog) entry(e *cdplog.Entry) {
	msg := fmt.Sprintf("browser log (%s): %s %s", e.Source, e.Text, e.URL)
	switch e.Level {
	case cdplog.EntryLevelError:
		l.add(&l.errors, msg)
	case cdplog.EntryLevelWarning:
		l.add(&l.warnings, msg)
	}
}

func (l *pageLog) request(raw string) {
	u, err := url.Parse(raw)
	if err != nil {
		l.add(&l.outside, raw+" (unparsable)")
		return
	}
	if u.Scheme == "data" || u.Scheme == "blob" {
		return
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host != l.host {
		l.add(&l.outside, raw)
	}
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Text + " " + d.Exception.Description // holds the stack
	}
	return fmt.Sprintf("%s at %s:%d:%d", d.Text, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

// chartFacts is one chart element as the browser sees it: the option the
// server wrote, what the ECharts instance holds, and what was drawn.
type chartFacts struct {
	ID       string  `json:"id"`
	Option   string  `json:"option"`   // the data-echarts-option attribute
	Error    string  `json:"error"`    // data-echarts-error, set by charts.js
	Instance bool    `json:"instance"` // window.impactboardCharts has it
	Series   string  `json:"series"`   // JSON of getOption().series names and data
	XAxis    string  `json:"xAxis"`    // JSON of getOption().xAxis[0].data
	Width    float64 `json:"width"`    // of the svg or canvas drawn
	Height   float64 `json:"height"`
	Shapes   int     `json:"shapes"` // paths and texts drawn in it
}

// readCharts reads every chart element in one evaluation. Series and axis
// travel as JSON strings so the Go side parses them exactly as it parses
// the attribute.
const readCharts = `Array.from(document.querySelectorAll('[data-echarts-option]'), el => {
	const chart = (window.impactboardCharts || {})[el.id];
	const opt = chart ? chart.getOption() : null;
	const drawn = el.querySelector('svg, canvas');
	const box = drawn ? drawn.getBoundingClientRect() : {width: 0, height: 0};
	const x = opt && opt.xAxis && opt.xAxis[0] ? opt.xAxis[0].data : null;
	return {
		id: el.id,
		option: el.dataset.echartsOption,
		error: el.getAttribute('data-echarts-error') || '',
		instance: !!chart,
		series: opt ? JSON.stringify((opt.series || []).map(s => ({name: s.name, data: s.data}))) : '',
		xAxis: JSON.stringify(x || []),
		width: box.width,
		height: box.height,
		shapes: el.querySelectorAll('svg path, svg text, canvas').length,
	};
})`

func (tb *tab) charts(t *testing.T) []chartFacts {
	t.Helper()
	charts, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]chartFacts](readCharts))
	if err != nil {
		t.Fatalf("%s: read charts: %v", tb.url, err)
	}
	if len(charts) == 0 {
		t.Fatalf("%s: no chart ([data-echarts-option]) on the page", tb.url)
	}
	return charts
}

// checkCharts checks that each chart started, drew something, and holds in
// its instance exactly the series data of its attribute.
func checkCharts(t *testing.T, charts []chartFacts) {
	t.Helper()
	for _, c := range charts {
		if !c.Instance {
			t.Errorf("chart %q has no ECharts instance (data-echarts-error %q)", c.ID, c.Error)
			continue
		}
		if c.Width <= 0 || c.Height <= 0 || c.Shapes == 0 {
			t.Errorf("chart %q not drawn: %gx%g px, %d shapes", c.ID, c.Width, c.Height, c.Shapes)
		}
		got, want := c.instanceSeries(t), c.optionSeries(t)
		if !reflect.DeepEqual(normalise(got), normalise(want)) {
			t.Errorf("chart %q series:\n got  %s\n want %s", c.ID, mustJSON(got), mustJSON(want))
		}
		if !anySeriesHasData(got) {
			t.Errorf("chart %q: no series has data: %s", c.ID, c.Series)
		}
	}
}

// series is one series' name and data; data stays untyped because line
// values, nulls and scatter points [year, value] all occur.
type series struct {
	Name string `json:"name"`
	Data any    `json:"data"`
}

func (c chartFacts) instanceSeries(t *testing.T) []series {
	t.Helper()
	var s []series
	if err := json.Unmarshal([]byte(c.Series), &s); err != nil {
		t.Fatalf("chart %q: instance series: %v", c.ID, err)
	}
	return s
}

func (c chartFacts) optionSeries(t *testing.T) []series {
	t.Helper()
	var opt struct {
		Series []series `json:"series"`
	}
	if err := json.Unmarshal([]byte(c.Option), &opt); err != nil {
		t.Fatalf("chart %q: data-echarts-option: %v", c.ID, err)
	}
	return opt.Series
}

func (c chartFacts) categories(t *testing.T) []any {
	t.Helper()
	var cats []any
	if err := json.Unmarshal([]byte(c.XAxis), &cats); err != nil {
		t.Fatalf("chart %q: x axis: %v", c.ID, err)
	}
	return cats
}

// normalise rounds every number so that a value printed by Go and read
// back through JavaScript compares equal to itself.
func normalise(ss []series) []series {
	out := make([]series, len(ss))
	for i, s := range ss {
		out[i] = series{Name: s.Name, Data: normaliseValue(s.Data)}
	}
	return out
}

func normaliseValue(v any) any {
	switch v := v.(type) {
	case float64:
		return math.Round(v*1e9) / 1e9
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normaliseValue(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = normaliseValue(x)
		}
		return out
	}
	return v
}

// byYear maps each non-null value of a line to its year category.
func byYear(t *testing.T, years []any, data any) map[string]float64 {
	t.Helper()
	values, ok := data.([]any)
	if !ok || len(values) != len(years) {
		t.Fatalf("%d values for %d years: %v", len(values), len(years), data)
	}
	got := map[string]float64{}
	for i, v := range values {
		if f, ok := v.(float64); ok {
			got[fmt.Sprint(years[i])] = f
		}
	}
	return got
}

func findChart(charts []chartFacts, id string) (chartFacts, bool) {
	for _, c := range charts {
		if c.ID == id {
			return c, true
		}
	}
	return chartFacts{}, false
}

func findSeries(ss []series, name string) (series, bool) {
	for _, s := range ss {
		if s.Name == name {
			return s, true
		}
	}
	return series{}, false
}

func anySeriesHasData(ss []series) bool {
	for _, s := range ss {
		if hasNumber(s.Data) {
			return true
		}
	}
	return false
}

// hasNumber reports whether v holds a number anywhere: a value, a point
// [year, value] or an item {value: ...}.
func hasNumber(v any) bool {
	switch v := v.(type) {
	case float64:
		return true
	case []any:
		for _, x := range v {
			if hasNumber(x) {
				return true
			}
		}
	case map[string]any:
		return hasNumber(v["value"])
	}
	return false
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(b)
}
