package tidy

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/impactboard/impactboard/pkg/domain"
)

// maxCell bounds one cell: a note is a sentence or two, and a megabyte in a
// cell is an accident or an attack.
const maxCell = 10_000

var (
	yearDigits     = regexp.MustCompile(`^-?[0-9]+$`)
	schoolYear     = regexp.MustCompile(`^[0-9]{4}\s*[-/–]\s*[0-9]{2,4}$`)
	decimalComma   = regexp.MustCompile(`^-?[0-9]*,[0-9]+$`)
	thousandsComma = regexp.MustCompile(`^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$`)
	// spreadsheetNumber is what an XLSX file stores for a numeric cell: a
	// plain decimal, or one with an exponent for very small or large values.
	spreadsheetNumber = regexp.MustCompile(`^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]{1,3})?$`)
	notAvailable      = map[string]bool{"n/a": true, "na": true, "#n/a": true, "-": true, "--": true, ".": true, "*": true,
		"missing": true, "null": true, "none": true, "nil": true, "suppressed": true, "s": true, "x": true}
)

// text checks a cell's encoding, length and characters and returns it
// trimmed. Formulas (cells starting with =, +, - or @) are kept as text:
// import never evaluates them, and exports neutralise them (which
// rowCells.restored undoes).
func (p *parser) text(row int, col, s string) (string, bool) {
	switch {
	case !utf8.ValidString(s):
		p.ps.add(row, col, "is not valid UTF-8 text (perhaps Latin-1 or Windows-1252); save the file as UTF-8 (in Excel: \"CSV UTF-8\")")
		return "", false
	case len(s) > maxCell:
		p.ps.add(row, col, "is longer than %d characters", maxCell)
		return "", false
	}
	if i := strings.IndexFunc(s, isControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		p.ps.add(row, col, "contains the control character %U; remove it", r)
		return "", false
	}
	return strings.TrimSpace(s), true
}

// isControl reports characters that have no place in a cell; tabs and line
// breaks can be in a note.
func isControl(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
}

func (p *parser) year(row int, s string) (int, bool) {
	switch {
	case s == "":
		p.ps.add(row, ColYear, "a year is required")
	case schoolYear.MatchString(s):
		p.ps.add(row, ColYear, "%q is a school year; write its ending year (2018-19 is 2019)", s)
	case !yearDigits.MatchString(s):
		p.ps.add(row, ColYear, "%q is not a year (write a whole number such as 2019; a school year by its ending year: 2018-19 is 2019)", s)
	default:
		y, err := strconv.Atoi(s)
		if err != nil || y < domain.MinYear || y > domain.MaxYear {
			p.ps.add(row, ColYear, "year %s is outside %d..%d", s, domain.MinYear, domain.MaxYear)
			return 0, false
		}
		return y, true
	}
	return 0, false
}

// number parses a numeric cell strictly (see domain.ParseNumber); XLSX
// cells may also carry an exponent, which is how spreadsheets store them.
func (p *parser) number(row int, col, s string) (float64, bool) {
	v, err := domain.ParseNumber(s)
	if err == nil {
		return v, true
	}
	if p.xlsx {
		if v, ok := parseSpreadsheetNumber(s); ok {
			return v, true
		}
	}
	p.ps.add(row, col, "%s", numberHint(s, err))
	return 0, false
}

// optional parses a numeric cell that may be empty.
func (p *parser) optional(row int, col, s string) (*float64, bool) {
	if s == "" {
		return nil, true
	}
	v, ok := p.number(row, col, s)
	return &v, ok
}

func parseSpreadsheetNumber(s string) (float64, bool) {
	if !spreadsheetNumber.MatchString(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !domain.Finite(v) || (v == 0 && !zeroMantissa(s)) {
		return 0, false
	}
	return v, true
}

// zeroMantissa reports whether the digits before any exponent are all zero,
// so that a value that underflowed to 0 ("5E-400") is refused.
func zeroMantissa(s string) bool {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	return strings.Trim(s, "-0.") == ""
}

// numberHint explains why a cell is not a number, with the fix for the
// common cases.
func numberHint(s string, err error) string {
	lower := strings.ToLower(s)
	switch {
	case s == "":
		return "a number is required (leave out rows that have no figure)"
	case notAvailable[lower] || strings.HasPrefix(lower, "n/a"):
		return fmt.Sprintf("%q is not a number; leave out rows that have no figure (missing or suppressed)", s)
	case thousandsComma.MatchString(s):
		return fmt.Sprintf("%q has a comma; write numbers without thousands separators (%s) and with a decimal point", s, strings.ReplaceAll(s, ",", ""))
	case decimalComma.MatchString(s):
		return fmt.Sprintf("%q has a decimal comma; use a decimal point (%s)", s, strings.Replace(s, ",", ".", 1))
	case strings.HasSuffix(s, "%"):
		if _, err := domain.ParseNumber(strings.TrimSuffix(s, "%")); err == nil {
			return fmt.Sprintf("%q: write the number without the %% sign (%s)", s, strings.TrimSpace(strings.TrimSuffix(s, "%")))
		}
	case strings.HasPrefix(s, "="):
		return fmt.Sprintf("%q is a formula, not a number; paste the value instead", s)
	}
	if f, _ := strconv.ParseFloat(s, 64); math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Sprintf("%q is not a finite number", s)
	}
	return err.Error()
}
