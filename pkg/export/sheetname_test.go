package export

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestSheetNames(t *testing.T) {
	long := "Qualified for the Alaska Performance Scholarship (career/technical)"
	tests := []struct{ name, slug, want string }{
		{"Dropout rate", "dropout-rate", "Dropout rate"},
		{`=cmd|'/C calc'!A0 [x]:*?/\`, "x", "=cmd|' C calc'!A0 x"},
		{"'quoted'", "q", "quoted"},
		{"a\x00b\nc\td", "q", "a b c d"},
		{"High-school graduation rate (4-year)", "hs-graduation-4yr", "hs-graduation-4yr"},
		{long, "alaska-performance-scholarship-career-technical", "Qualified for the Alaska Perfor"},
		{long, "alaska-performance-scholarship-career-technical", "Qualified for the Alaska Pe (2)"},
		{"Dropout rate", "dropout-rate-2", "Dropout rate (2)"},
		{"DROPOUT RATE", "dropout-rate-3", "DROPOUT RATE (3)"},
		{"Summary", "summary", "Summary (2)"},
		{"sources", "sources", "sources (2)"},
		{"History", "history", "History (2)"},
		{"///", "slashes", "slashes"},
		{"", "", "Indicator"},
		{strings.Repeat("😀", 20), "a-very-long-slug-that-does-not-fit-either", strings.Repeat("😀", 15)},
		{"", "empty-name", "empty-name"},
		{"abcdefghijklmnopqrstuvwxyz abc'def", "a-very-long-slug-that-does-not-fit-either", "abcdefghijklmnopqrstuvwxyz abc"},
		{"\xff\xfe bad bytes", "b", "bad bytes"},
	}
	names := newSheetNames()
	f := excelize.NewFile()
	defer f.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := names.name(tt.name, tt.slug)
			if got != tt.want {
				t.Errorf("name(%q, %q) = %q, want %q", tt.name, tt.slug, got, tt.want)
			}
			if _, err := f.NewSheet(got); err != nil {
				t.Errorf("excelize refuses %q: %v", got, err)
			}
		})
	}
}
