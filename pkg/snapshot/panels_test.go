package snapshot_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/snapshot"
)

// panelOfType is the first panel of a type on the dashboard with slug.
func panelOfType(t *testing.T, d *snapshot.Document, slug, typ string) *snapshot.Panel {
	t.Helper()
	for i := range d.Dashboards {
		if d.Dashboards[i].Slug != slug {
			continue
		}
		for j := range d.Dashboards[i].Panels {
			if p := &d.Dashboards[i].Panels[j]; p.Type == typ {
				return p
			}
		}
	}
	t.Fatalf("dashboard %s has no %s panel", slug, typ)
	return nil
}

func chartIDs(p *snapshot.Panel) string {
	var ids []string
	for _, c := range p.Charts {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, " ")
}

// TestPanelsShowOnlyTheirPart: as on the live dashboard, the subgroup panel
// holds the groups' lines and bars and the equity_gap panel the gap from
// its file's reference, with its sentences, so the Anchorage graduation
// snapshot says each gap once.
func TestPanelsShowOnlyTheirPart(t *testing.T) {
	d, _ := build(t, "March 2026")
	sub := panelOfType(t, d, "graduation", "subgroup")
	if got, want := chartIDs(sub), "graduation-panel-3-lines graduation-panel-3-bars"; got != want {
		t.Errorf("subgroup charts %q, want %q", got, want)
	}
	if len(sub.GapLines) > 0 || sub.Reference != "" {
		t.Errorf("subgroup panel has a gap from %q: %q", sub.Reference, sub.GapLines)
	}
	gap := panelOfType(t, d, "graduation", "equity_gap")
	if got, want := chartIDs(gap), "graduation-panel-4-gap"; got != want {
		t.Errorf("equity_gap charts %q, want %q", got, want)
	}
	if gap.Reference != "White" || !strings.Contains(string(gap.Charts[0].Option), "White") {
		t.Errorf("equity_gap reference %q, want White", gap.Reference)
	}
	want := "Asian: gap widening (ahead of White by 1.8 points in 2016, ahead by 2.9 points in 2017)"
	if !strings.Contains(strings.Join(gap.GapLines, "\n"), want) {
		t.Errorf("gap lines %q lack %q", gap.GapLines, want)
	}
	html := renderHTML(t, "March 2026", assets())
	for _, s := range []string{want, "Equity gap by Race/ethnicity: distance from White", "By Race/ethnicity</h4>", "Gap to White by year"} {
		if n := strings.Count(html, s); n != 1 {
			t.Errorf("%q appears %d times in the HTML, want once", s, n)
		}
	}
	if strings.Contains(html, "(-1.8 points") {
		t.Error("a gap sentence gives a signed amount")
	}
}

// TestHTMLOfOlderSnapshots: snapshots taken before each panel kept only
// its own part hold the lines, bars and gap charts in both panels; their
// HTML still shows the gap once, in the equity_gap panel.
func TestHTMLOfOlderSnapshots(t *testing.T) {
	d, _ := build(t, "March 2026")
	sub, gap := panelOfType(t, d, "graduation", "subgroup"), panelOfType(t, d, "graduation", "equity_gap")
	oldGap := gap.Charts[0]
	oldGap.ID = "graduation-panel-3-gap"
	sub.Charts, sub.GapLines = append(sub.Charts, oldGap), []string{"Asian: gap widening (-1.8 points in 2016, -2.9 points in 2017)"}
	gap.Charts = append(append([]snapshot.Chart{}, sub.Charts[:2]...), gap.Charts[0])
	gap.Reference = ""
	content, err := snapshot.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := snapshot.Write(&buf, "html", content, snapshot.Checksum(content), assets()); err != nil {
		t.Fatal(err)
	}
	_, html, _ := strings.Cut(buf.String(), `id="dashboard-graduation"`)
	html, _, _ = strings.Cut(html, `<section class="snapshot-dashboard"`)
	panels := strings.Split(html, `<section class="panel panel-`)
	if len(panels) < 3 {
		t.Fatal("no graduation dashboard panels in the HTML")
	}
	seen := 0
	for _, p := range panels[1:] {
		typ, body, _ := strings.Cut(p, `"`)
		body, _, _ = strings.Cut(body, "</section>")
		ids := regexp.MustCompile(`<div id="graduation-panel-\d-(\w+)"`).FindAllStringSubmatch(body, -1)
		var kinds []string
		for _, m := range ids {
			kinds = append(kinds, m[1])
		}
		switch got := strings.Join(kinds, " "); typ {
		case "subgroup":
			seen++
			if got != "lines bars" || strings.Contains(body, "gap widening") {
				t.Errorf("old subgroup panel shows charts %q (want lines bars) or gap sentences", got)
			}
		case "equity_gap":
			seen++
			if got != "gap" || !strings.Contains(body, "Equity gap by Race/ethnicity</h4>") {
				t.Errorf("old equity_gap panel shows charts %q, want gap; or no heading", got)
			}
		}
	}
	if seen != 2 {
		t.Errorf("checked %d panels, want the subgroup and the equity_gap panel", seen)
	}
}
