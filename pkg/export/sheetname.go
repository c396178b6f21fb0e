package export

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// maxSheetName is Excel's limit, counted in UTF-16 units as Excel does.
const maxSheetName = 31

// Sheet names of the workbook's own sheets. History is reserved by Excel.
const (
	summarySheet = "Summary"
	sourcesSheet = "Sources"
)

// sheetNames hands out unique, valid sheet names. Excel compares them
// without case.
type sheetNames struct {
	used map[string]bool
}

func newSheetNames() *sheetNames {
	return &sheetNames{used: map[string]bool{"summary": true, "sources": true, "history": true}}
}

// name returns the sheet name of an indicator: its name when it fits, else
// its slug when that fits (a cut name is often ambiguous: "High-school
// graduation rate (4-" and "(5-"), else the cut name; a number is added
// when the result is taken. A name with nothing usable left gives the slug.
func (n *sheetNames) name(indName, slug string) string {
	base, short := cleanSheetName(indName), cleanSheetName(slug)
	if base == "" || (utf16Len(base) > maxSheetName && short != "" && utf16Len(short) <= maxSheetName) {
		base = short
	}
	if base == "" {
		base = "Indicator"
	}
	name := cut(base, maxSheetName)
	for i := 2; n.used[strings.ToLower(name)]; i++ {
		suffix := " (" + strconv.Itoa(i) + ")"
		name = strings.TrimSpace(cut(base, maxSheetName-len(suffix))) + suffix
	}
	n.used[strings.ToLower(name)] = true
	return name
}

// cleanSheetName replaces what Excel refuses in a sheet name ([ ] : * ? / \
// and control characters) by spaces, collapses spaces and drops the
// apostrophes Excel refuses at either end.
func cleanSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || unicode.IsControl(r) || r == unicode.ReplacementChar {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, "' ")
}

// cut shortens s to at most max UTF-16 units without splitting a rune, and
// drops apostrophes and spaces the cut leaves at the end.
func cut(s string, max int) string {
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > max {
			return strings.TrimRight(s[:i], "' ")
		}
	}
	return s
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
