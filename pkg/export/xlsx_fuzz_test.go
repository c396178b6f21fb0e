package export_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
)

// FuzzXLSXText: any text a figure can hold reads back from the workbook
// as written (after SafeCell), and any indicator name gives a workbook
// with its three sheets, so the SpreadsheetML written by hand escapes
// whatever it is given.
func FuzzXLSXText(f *testing.F) {
	for _, s := range []string{"plain", "a\r\nb", "_x000D_", "_x005F_x0041_", " lead", "trail\t", "<&>\"'", "=1+1", "Niños ✓ 😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, note string) {
		if !utf8.ValidString(note) || strings.ContainsFunc(note, notXMLText) {
			t.Skip("not text a figure can hold")
		}
		b := base(indicator("score", note, domain.UnitScore))
		m := figure("score", 2020, "", "", 1, nil, nil)
		m.Note = note
		b.Measurements = []domain.Measurement{m}
		var buf bytes.Buffer
		if err := export.XLSX(&buf, report.Build(b, member, 2026), generated); err != nil {
			t.Fatal(err)
		}
		wb, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("open the workbook: %v", err)
		}
		defer wb.Close()
		sheets := wb.GetSheetList()
		if len(sheets) != 3 {
			t.Fatalf("sheets %q, want Summary, the indicator's and Sources", sheets)
		}
		got, err := wb.GetCellValue(sheets[1], "H2")
		if err != nil {
			t.Fatal(err)
		}
		if want := export.SafeCell(note); got != want {
			t.Errorf("note %q reads back as %q, want %q", note, got, want)
		}
	})
}

// notXMLText is a character XML 1.0 cannot hold, which the workbook
// replaces (and domain validation refuses in a note anyway).
func notXMLText(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
}
