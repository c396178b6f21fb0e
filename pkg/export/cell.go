package export

import "strconv"

// Header is the tidy long form of a partnership's figures, one figure a
// row. Import reads the same columns (status is optional there), so an
// export with small cells included imports back unchanged.
var Header = []string{"indicator", "year", "dimension", "group", "value", "numerator", "denominator", "note", "source", "status"}

// SuppressedValue is the value cell of a suppressed figure in CSV.
const SuppressedValue = "suppressed"

// SafeCell stops a spreadsheet from running a text cell as a formula: a
// cell starting with = + - @ tab or CR gets a leading apostrophe. A cell
// that already starts with an apostrophe gets one more, so RestoreCell can
// undo SafeCell exactly and an import gets back every text as it was.
func SafeCell(s string) string {
	if s != "" && neutralised(s[0]) {
		return "'" + s
	}
	return s
}

// RestoreCell undoes SafeCell. It drops a leading apostrophe only where
// SafeCell would have put one, so a text such as "'tis" written by someone
// else survives an import.
func RestoreCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && neutralised(s[1]) {
		return s[1:]
	}
	return s
}

func neutralised(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return true
	}
	return false
}

// number writes v as a plain decimal (never an exponent), the shortest that
// reads back as the same float64, so domain.ParseNumber accepts it.
func number(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
