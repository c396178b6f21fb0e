package snapshot_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/impactboard/impactboard/pkg/snapshot"
)

// TestXLSXSummaryNamesTheSnapshot: the Summary of a snapshot's workbook
// starts with its title, id, time taken and checksum, so a printed sheet
// can be traced to the snapshot; the CSV stays the tidy import form.
func TestXLSXSummaryNamesTheSnapshot(t *testing.T) {
	d, content := build(t, "=March 2026")
	sum := snapshot.Checksum(content)
	var buf bytes.Buffer
	if err := snapshot.Write(&buf, "xlsx", content, sum, assets()); err != nil {
		t.Fatalf("Write xlsx: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("open the workbook: %v", err)
	}
	defer f.Close()
	rs, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{d.Partnership.Name},
		{"Snapshot", "'=March 2026"},
		{"Snapshot id", id},
		{"Snapshot taken", "2026-03-01T09:30:00Z"},
		{"SHA-256 of the snapshot's JSON", sum},
		{"Generated at", "2026-03-01T09:30:00Z"},
	}
	if len(rs) < len(want) {
		t.Fatalf("summary has %d rows, want at least %d", len(rs), len(want))
	}
	for i, w := range want {
		if !slices.Equal(rs[i], w) {
			t.Errorf("summary row %d = %q, want %q", i+1, rs[i], w)
		}
	}

	buf.Reset()
	if err := snapshot.Write(&buf, "csv", content, sum, assets()); err != nil {
		t.Fatalf("Write csv: %v", err)
	}
	if csv := buf.String(); strings.Contains(csv, id) || strings.Contains(csv, sum) || !strings.HasPrefix(csv, "indicator,") {
		t.Errorf("CSV carries the snapshot's id or checksum, or has lines before its header: %.200q", csv)
	}
}
