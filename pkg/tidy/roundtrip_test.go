package tidy_test

import (
	"bytes"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/tidy"
)

// TestExportImportRoundTrip: text an export neutralises against
// spreadsheet formulas imports back exactly as it was stored.
func TestExportImportRoundTrip(t *testing.T) {
	tests := []struct{ name, dimension, group, note, source string }{
		{"formula note", "", "", "=SUM(A1)", ""},
		{"minus note", "", "", "-5 points", ""},
		{"plus and at", "+Dim", "@Group", "+1", ""},
		{"minus group", "Change", "-5 points", "\tindented", ""},
		{"apostrophes", "'Quoted", "'=x", "'tis", ""},
		{"plain", "Income", "Low income", "a note", "https://data.example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := testBundle()
			b.Partnership.SuppressionThreshold = 0
			b.Measurements = []domain.Measurement{{Indicator: "graduation-rate", Year: 2019, Value: 84,
				Dimension: tt.dimension, Group: tt.group, Note: tt.note, Source: tt.source, Status: domain.StatusApproved}}
			var buf bytes.Buffer
			if err := export.CSV(&buf, report.Build(b, report.Audience{Member: true, SmallCells: true}, 2026)); err != nil {
				t.Fatal(err)
			}
			got := parseFile(t, "export.csv", buf.Bytes(), tidy.Options{})
			if got.err != nil || len(got.rows) != 1 {
				t.Fatalf("rows %+v, problems %q, error %v; want one row", got.rows, got.problems, got.err)
			}
			m := got.rows[0].M
			if m.Dimension != tt.dimension || m.Group != tt.group || m.Note != tt.note || m.Source != tt.source {
				t.Errorf("imported dimension %q group %q note %q source %q, want %q %q %q %q\nfile:\n%s",
					m.Dimension, m.Group, m.Note, m.Source, tt.dimension, tt.group, tt.note, tt.source, buf.String())
			}
		})
	}
}
