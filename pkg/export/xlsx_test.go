package export_test

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
)

var generated = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func exportXLSX(t *testing.T, p *report.Partnership) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := export.XLSX(&buf, p, generated); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf, excelize.Options{UnzipSizeLimit: 64 << 20})
	if err != nil {
		t.Fatalf("open the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func rows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %q: %v", sheet, err)
	}
	return rs
}

func TestXLSXWorkbook(t *testing.T) {
	for _, b := range seedBundles(t) {
		t.Run(b.Partnership.Slug, func(t *testing.T) {
			p := report.Build(b, member, 2026)
			f := exportXLSX(t, p)
			sheets := f.GetSheetList()
			if len(sheets) != len(p.Indicators)+2 || sheets[0] != "Summary" || sheets[len(sheets)-1] != "Sources" {
				t.Fatalf("sheets = %q, want Summary, one per indicator (%d), Sources", sheets, len(p.Indicators))
			}
			summary := rows(t, f, "Summary")
			checkSummary(t, p, summary)
			for i, ind := range p.Indicators {
				checkIndicatorSheet(t, f, sheets[i+1], ind, summary[5+i][1])
			}
			checkSources(t, p, rows(t, f, "Sources"))
		})
	}
}

func checkSummary(t *testing.T, p *report.Partnership, rs [][]string) {
	t.Helper()
	if rs[0][0] != p.Name || rs[1][1] != "2026-03-01T12:00:00Z" || rs[2][1] != p.Headline.Text() {
		t.Errorf("summary head = %q, want name, generated at and headline", rs[:3])
	}
	if len(rs) != 5+len(p.Indicators) || rs[4][0] != "Indicator" {
		t.Fatalf("summary has %d rows, want 5 + one per indicator (%d)", len(rs), len(p.Indicators))
	}
	for i, ind := range p.Indicators {
		row := rs[5+i]
		if row[0] != ind.Name || row[11] != ind.Result.Status.Label() {
			t.Errorf("summary row %d = %q, want %s with status %q", 6+i, row, ind.Name, ind.Result.Status.Label())
		}
	}
}

func checkIndicatorSheet(t *testing.T, f *excelize.File, sheet string, ind *report.Indicator, listed string) {
	t.Helper()
	if sheet != listed {
		t.Errorf("indicator %s: sheet %q, the summary says %q", ind.Slug, sheet, listed)
	}
	rs := rows(t, f, sheet)
	if got, want := len(rs), 1+len(ind.Figures); got != want {
		t.Errorf("sheet %q has %d rows, want a header and %d figures", sheet, got, len(ind.Figures))
	}
	if !slices.Equal(rs[0], export.Header) {
		t.Errorf("sheet %q header = %q, want %q", sheet, rs[0], export.Header)
	}
	for i, fig := range ind.Figures {
		cell := "E" + strconv.Itoa(i+2)
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeUnset {
			t.Errorf("sheet %q %s: value %q has type %v, want a number", sheet, cell, rs[i+1][4], typ)
		}
		if rs[i+1][0] != ind.Slug || rs[i+1][1] != strconv.Itoa(fig.Year) {
			t.Errorf("sheet %q row %d = %q, want %s %d", sheet, i+2, rs[i+1], ind.Slug, fig.Year)
		}
	}
}

func checkSources(t *testing.T, p *report.Partnership, rs [][]string) {
	t.Helper()
	want := map[string]bool{}
	for _, ind := range p.Indicators {
		for _, fig := range ind.Figures {
			if fig.Source != "" {
				want[fig.Source] = true
			}
		}
	}
	got := map[string]bool{}
	for _, r := range rs[1:] {
		if got[r[0]] {
			t.Errorf("source %s listed twice", r[0])
		}
		got[r[0]] = true
		if len(r) < 3 || r[1] == "" || r[2] == "" {
			t.Errorf("source %s: indicators and years missing: %q", r[0], r)
		}
	}
	if len(got) != len(want) {
		t.Errorf("sources sheet lists %d sources, the figures cite %d", len(got), len(want))
	}
}

func TestXLSXSuppression(t *testing.T) {
	tests := []struct {
		name  string
		aud   report.Audience
		wantA []string // value, numerator, denominator of group A
	}{
		{"public", report.Public, []string{"suppressed (n < 10)", "", ""}},
		{"member with small cells", member, []string{"60", "3", "5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := exportXLSX(t, report.Build(smallCells(), tt.aud, 2026))
			rs := rows(t, f, "Graduation rate")
			for _, r := range rs[1:] {
				if r[3] == "A" && !slices.Equal(r[4:7], tt.wantA) {
					t.Errorf("group A value, numerator, denominator = %q, want %q", r[4:7], tt.wantA)
				}
				if r[3] == "B" && tt.aud == report.Public && !slices.Equal(r[4:7], tt.wantA) {
					t.Errorf("group B = %q, want it suppressed like A", r)
				}
			}
		})
	}
}

func TestXLSXNeutralisesFormulas(t *testing.T) {
	p := report.Build(hostile(), member, 2026)
	f := exportXLSX(t, p)
	sheets := f.GetSheetList()
	if got, want := sheets[1], "=cmd|' C calc'!A0 x"; got != want {
		t.Errorf("sheet name = %q, want %q", got, want)
	}
	rs := rows(t, f, sheets[1])
	for i, r := range rs[1:] {
		if note := hostileNotes[min(i, len(hostileNotes)-1)]; i < len(hostileNotes) && note != "plain" && r[7] != "'"+note {
			t.Errorf("note %q written as %q, want it after an apostrophe", note, r[7])
		}
		if formula, _ := f.GetCellFormula(sheets[1], "H"+strconv.Itoa(i+2)); formula != "" {
			t.Errorf("row %d holds a formula %q", i+2, formula)
		}
	}
	last := len(rs)
	v, _ := f.GetCellValue(sheets[1], "E"+strconv.Itoa(last))
	if typ, _ := f.GetCellType(sheets[1], "E"+strconv.Itoa(last)); v != "-3.5" || typ != excelize.CellTypeUnset {
		t.Errorf("value = %q (type %v), want the number -3.5", v, typ)
	}
	summary := rows(t, f, "Summary")
	if got := summary[5][0]; !strings.HasPrefix(got, "'=") {
		t.Errorf("summary indicator name = %q, want it neutralised", got)
	}
}

// TestXLSXEmptyIndicator: an indicator with no figures and no
// target still gets its sheet and summary row, with empty cells.
func TestXLSXEmptyIndicator(t *testing.T) {
	b := base(indicator("empty", "Empty", domain.UnitCount))
	f := exportXLSX(t, report.Build(b, report.Public, 2026))
	if rs := rows(t, f, "Empty"); len(rs) != 1 {
		t.Errorf("sheet Empty has %d rows, want only the header", len(rs))
	}
	if rs := rows(t, f, "Sources"); len(rs) != 1 {
		t.Errorf("sheet Sources has %d rows, want only the header", len(rs))
	}
}

// TestXLSXKeepsText: text that XML or Excel would change (line breaks,
// CR, an escape such as _x000D_, spaces at the ends, markup, non-ASCII)
// reads back from the workbook as written.
func TestXLSXKeepsText(t *testing.T) {
	notes := []string{"two\r\nlines", "a_x000D_b", "  spaced  ", `<b>"bold"</b> & co`, "Niños – 5ᵗʰ grade ✓ 😀"}
	b := base(indicator("score", "Score", domain.UnitScore))
	for i, note := range notes {
		m := figure("score", 2010+i, "", "", float64(i), nil, nil)
		m.Note = note
		b.Measurements = append(b.Measurements, m)
	}
	f := exportXLSX(t, report.Build(b, member, 2026))
	rs := rows(t, f, "Score")
	for i, note := range notes {
		if got := rs[i+1][7]; got != note {
			t.Errorf("note %q reads back as %q", note, got)
		}
	}
}

// TestXLSXWithAbout: the about lines stand under the Summary's title, in
// their order and neutralised, and push the rest of the Summary down.
func TestXLSXWithAbout(t *testing.T) {
	p := report.Build(synthetic(2, 2, 1), member, 2026)
	about := []export.About{{Label: "Snapshot", Value: "=March board"}, {Label: "Snapshot id", Value: "0011"}}
	var buf bytes.Buffer
	if err := export.XLSX(&buf, p, generated, about...); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("open the workbook: %v", err)
	}
	defer f.Close()
	rs := rows(t, f, "Summary")
	want := [][]string{{p.Name}, {"Snapshot", "'=March board"}, {"Snapshot id", "0011"}, {"Generated at", "2026-03-01T12:00:00Z"}}
	for i, w := range want {
		if !slices.Equal(rs[i], w) {
			t.Errorf("summary row %d = %q, want %q", i+1, rs[i], w)
		}
	}
	if got := rs[6][0]; got != "Indicator" {
		t.Errorf("summary row 7 = %q, want the column header", rs[6])
	}
}
