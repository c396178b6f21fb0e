package export

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

func TestAppendCellName(t *testing.T) {
	for _, tt := range []struct {
		col, row int
		want     string
	}{
		{0, 1, "A1"}, {25, 9, "Z9"}, {26, 10, "AA10"}, {51, 1, "AZ1"}, {52, 1, "BA1"}, {701, 2, "ZZ2"}, {702, 3, "AAA3"},
	} {
		if got := string(appendCellName(nil, tt.col, tt.row)); got != tt.want {
			t.Errorf("column %d row %d = %q, want %q", tt.col, tt.row, got, tt.want)
		}
	}
}

func TestCellText(t *testing.T) {
	long := strings.Repeat("é", maxCellText+5)    // one UTF-16 unit, two bytes each
	emoji := strings.Repeat("😀", maxCellText/2+1) // two units each
	for _, tt := range []struct {
		name, in, want string
	}{
		{"plain", "Graduation rate", "Graduation rate"},
		{"an escape Excel would decode", "a_x000D_b", "a_x005F_x000D_b"},
		{"an escaped underscore", "_x005F_", "_x005F_x005F_"},
		{"escapes sharing an underscore", "_x005F_x0041_", "_x005F_x005F_x005F_x0041_"},
		{"not an escape", "_x00Z_ and _x12", "_x00Z_ and _x12"},
		{"longer than Excel keeps", long, long[:2*maxCellText]},
		{"cut between whole characters", emoji, emoji[:4*(maxCellText/2)]},
	} {
		if got := cellText(tt.in); got != tt.want {
			t.Errorf("%s: got %d bytes %.40q, want %d bytes %.40q", tt.name, len(got), got, len(tt.want), tt.want)
		}
	}
}

func TestAppendEscaped(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`<script>"x" & y</script>`, `&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;`},
		{"line\r\nnext\ttab", "line&#xD;\nnext\ttab"},
		{"bell\x07 nul\x00", "bell\uFFFD nul\uFFFD"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"\uFFFE kept out, ✓ kept", "\uFFFD kept out, ✓ kept"},
	} {
		if got := string(appendEscaped(nil, tt.in)); got != tt.want {
			t.Errorf("appendEscaped(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSheetRefusesRowsExcelCannotHold(t *testing.T) {
	var out bytes.Buffer
	b := &book{zw: zip.NewWriter(&out)}
	s, err := b.newSheet(2)
	if err != nil {
		t.Fatal(err)
	}
	s.row = maxRows - 1
	if err := s.add("last"); err != nil {
		t.Fatalf("row %d: %v", maxRows, err)
	}
	if err := s.add("one too many"); err == nil || !strings.Contains(err.Error(), "export CSV or JSON instead") {
		t.Errorf("row %d: error %v, want a refusal", maxRows+1, err)
	}
}
