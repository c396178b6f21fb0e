package snapshot_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/impactboard/impactboard/pkg/browsertest"
)

// legendPlaces dispatches an event and reads each shown legend's type and
// top, with the top its chart's option gave it.
const legendPlaces = `((event) => {
	if (event) window.dispatchEvent(new Event(event));
	const out = {};
	for (const el of document.querySelectorAll('[data-echarts-option]')) {
		const want = [].concat(JSON.parse(el.dataset.echartsOption).legend || [])[0];
		const l = window.impactboardCharts[el.id].getOption().legend[0];
		if (want && want.show !== false) {
			out[el.id] = l.type + " top " + l.top + " (option " + want.top + ")";
		}
	}
	return out;
})`

// TestBrowserPrintKeepsLegendsUnderTitles: charts.js turns paged legends
// plain for print and back after; ECharts rebuilt each legend at the very
// top, over the chart's title, until charts.js passed the legend's other
// settings with the type. Every legend stays where its option puts it, in
// print and after.
func TestBrowserPrintKeepsLegendsUnderTitles(t *testing.T) {
	ctx, cancel := context.WithTimeout(browsertest.Start(t), 60*time.Second)
	defer cancel()
	file := filepath.Join(t.TempDir(), "snapshot.html")
	if err := os.WriteFile(file, []byte(renderHTML(t, "March 2026", assets())), 0o600); err != nil {
		t.Fatal(err)
	}
	started := `Object.keys(window.impactboardCharts || {}).length === document.querySelectorAll('[data-echarts-option]').length`
	if _, err := chromedp.Run(ctx, chromedp.Navigate("file://"+file)); err != nil {
		t.Fatalf("open the snapshot: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](started, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("charts did not start: %v", err)
	}
	read := func(event string) map[string]string {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](legendPlaces+`("`+event+`")`))
		if err != nil {
			t.Fatalf("%s: %v", event, err)
		}
		return got
	}
	before, printed, after := read(""), read("beforeprint"), read("afterprint")
	if len(before) == 0 {
		t.Fatal("no chart with a legend")
	}
	for id, b := range before {
		for _, c := range []struct{ when, got, typ string }{{"on screen", b, "scroll"}, {"in print", printed[id], "plain"}, {"after printing", after[id], "scroll"}} {
			typ, rest, _ := strings.Cut(c.got, " ")
			if top, option, _ := strings.Cut(strings.TrimPrefix(rest, "top "), " (option "); typ != c.typ || top+")" != option {
				t.Errorf("%s: legend %s is %q, want %s at its option's top", id, c.when, c.got, c.typ)
			}
		}
	}
}
