package web_test

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/impactboard/impactboard/pkg/browsertest"
	"github.com/impactboard/impactboard/pkg/domain"
)

// snapshotURL is where the test pretends the downloaded file is; nothing
// answers there: the browser's network is replaced by the test.
const snapshotURL = "https://snapshot.invalid/snapshot.html"

// offlineTab opens html at snapshotURL in a tab whose every request is
// intercepted: the document itself is answered from memory, anything else
// fails as if the network were cut, and every URL asked for is recorded.
func offlineTab(t *testing.T, browserCtx context.Context, html []byte) (*tab, func() []string) {
	t.Helper()
	ctx := browsertest.Tab(t, browserCtx, pageTimeout)
	var mu sync.Mutex
	var requested []string
	l := &pageLog{host: "snapshot.invalid"}
	log := l.listener(ctx)
	if err := chromedp.Listen(ctx, func(ev any) {
		log(ev)
		if ev, ok := ev.(*fetch.EventRequestPaused); ok {
			mu.Lock()
			requested = append(requested, ev.Request.URL)
			mu.Unlock()
			go answer(ctx, ev, html)
		}
	}); err != nil {
		t.Fatalf("listen: %v", err)
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{}); err != nil {
		t.Fatalf("intercept requests: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Navigate(snapshotURL)); err != nil {
		t.Fatalf("open the snapshot: %v", err)
	}
	tb := &tab{ctx: ctx, url: snapshotURL, log: l}
	tb.waitCharts(t)
	return tb, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), requested...)
	}
}

// answer runs outside the event loop: a command sent from a listener
// would wait for the loop it blocks.
func answer(ctx context.Context, ev *fetch.EventRequestPaused, html []byte) {
	if ev.Request.URL == snapshotURL {
		_, _ = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: ev.RequestID, ResponseCode: 200,
			ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/html; charset=utf-8"}}, Body: html})
		return
	}
	_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonInternetDisconnected})
}

// TestBrowserSnapshotOffline opens a downloaded HTML snapshot with the
// network cut, after the data changed: it asks for nothing but itself,
// runs cleanly under its own CSP, every chart starts and holds the series
// of its attribute, and the graduation chart shows the frozen 84% of 2019,
// not the later correction.
func TestBrowserSnapshotOffline(t *testing.T) {
	ctx := browsertest.Start(t)
	a := newApp(t)
	editor, _ := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")
	s := takeSnapshot(t, a, anchorage)
	if r := editor.sendJSON("PUT", apiA+"/indicators/hs-graduation-4yr/measurements",
		`{"comment":"correction","measurements":[{"year":2019,"value":85.5}]}`); r.Status != 200 {
		t.Fatalf("edit: status %d; body %.300s", r.Status, r.Body)
	}
	d := editor.get("/api/v1/snapshots/" + s.ID + "?format=html")
	if d.Status != 200 {
		t.Fatalf("download: status %d", d.Status)
	}
	tb, requested := offlineTab(t, ctx, []byte(d.Body))
	tb.checkClean(t)
	charts := tb.charts(t)
	checkCharts(t, charts)
	if got := requested(); !reflect.DeepEqual(got, []string{snapshotURL}) {
		t.Errorf("requests = %q, want only the document", got)
	}
	c, ok := findChart(charts, "indicator-hs-graduation-4yr")
	if !ok {
		t.Fatal("no progress chart of hs-graduation-4yr in the snapshot")
	}
	actual, ok := findSeries(c.instanceSeries(t), "Actual")
	if !ok {
		t.Fatalf("no Actual series in %s", c.Series)
	}
	want := map[string]float64{"2005": 59, "2011": 72, "2012": 73, "2013": 76, "2015": 80.2, "2016": 79.7, "2017": 81.4, "2018": 80.7, "2019": 84}
	if got := byYear(t, c.categories(t), actual.Data); !reflect.DeepEqual(got, want) {
		t.Errorf("frozen Actual by year = %v, want %v", got, want)
	}
	if len(charts) < 10 {
		t.Errorf("%d charts in the snapshot, want the dashboards' and every indicator's", len(charts))
	}
}
