package export_test

import (
	"testing"

	"github.com/impactboard/impactboard/pkg/export"
)

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"=1+2", "'=1+2"},
		{"+1", "'+1"},
		{"-x", "'-x"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"'=x", "''=x"},
		{"'tis", "''tis"},
		{"a=b", "a=b"},
		{" =x", " =x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := export.SafeCell(tt.in)
			if got != tt.want {
				t.Errorf("SafeCell(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if back := export.RestoreCell(got); back != tt.in {
				t.Errorf("RestoreCell(%q) = %q, want %q", got, back, tt.in)
			}
		})
	}
}

func TestRestoreCellKeepsForeignApostrophes(t *testing.T) {
	for _, s := range []string{"'tis", "'", "it's"} {
		if got := export.RestoreCell(s); got != s {
			t.Errorf("RestoreCell(%q) = %q, want it unchanged", s, got)
		}
	}
}
