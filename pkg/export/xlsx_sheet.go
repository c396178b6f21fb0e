package export

import (
	"bufio"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Cell styles, by their index in stylesXML's cellXfs.
const (
	styleTitle  = 1
	styleHeader = 2
	styleRatio  = 3 // 0.00
)

// styled is a cell value with a style; a row's other cells are plain
// values: nil (no cell), int, float64 or string.
type styled struct {
	style int
	value any
}

const (
	xmlHeader   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain      = `http://schemas.openxmlformats.org/spreadsheetml/2006/main`
	nsRelations = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
)

// sheet writes one worksheet's rows, as they come, into its zip entry.
type sheet struct {
	w   *bufio.Writer
	row int
	buf []byte // the row being encoded, reused
}

// newSheet starts sheet number n with the given column widths.
func (b *book) newSheet(n int, widths ...float64) (*sheet, error) {
	zf, err := b.create(sheetPart(n))
	if err != nil {
		return nil, err
	}
	s := &sheet{w: bufio.NewWriterSize(zf, 64<<10)}
	s.buf = append(s.buf, xmlHeader+`<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRelations+`">`...)
	if len(widths) > 0 {
		s.buf = append(s.buf, "<cols>"...)
		for i, wd := range widths {
			s.buf = fmt.Appendf(s.buf, `<col min="%d" max="%d" width="%s" customWidth="1"/>`,
				i+1, i+1, strconv.FormatFloat(wd, 'f', -1, 64))
		}
		s.buf = append(s.buf, "</cols>"...)
	}
	s.buf = append(s.buf, "<sheetData>"...)
	_, err = s.w.Write(s.buf)
	return s, err
}

func sheetPart(n int) string { return "xl/worksheets/sheet" + strconv.Itoa(n) + ".xml" }

// maxRows is the most rows a sheet holds in Excel.
const maxRows = 1 << 20

// add writes the next row; a nil cell is left out.
func (s *sheet) add(cells ...any) error {
	s.row++
	if s.row > maxRows {
		return domain.Errorf(domain.EINVALID, "more than %d rows, the most a spreadsheet sheet holds: export CSV or JSON instead", maxRows)
	}
	b := strconv.AppendInt(append(s.buf[:0], `<row r="`...), int64(s.row), 10)
	b = append(b, `">`...)
	for col, v := range cells {
		b = appendCell(b, col, s.row, v)
	}
	s.buf = append(b, "</row>"...)
	_, err := s.w.Write(s.buf)
	return err
}

// header writes a bold row of column names.
func (s *sheet) header(names ...string) error {
	cells := make([]any, len(names))
	for i, n := range names {
		cells[i] = styled{styleHeader, n}
	}
	return s.add(cells...)
}

func (s *sheet) skip() { s.row++ }

// close ends the sheet; nothing may be added after.
func (s *sheet) close() error {
	if _, err := s.w.WriteString("</sheetData></worksheet>"); err != nil {
		return err
	}
	return s.w.Flush()
}

func appendCell(b []byte, col, row int, v any) []byte {
	style := 0
	if st, ok := v.(styled); ok {
		style, v = st.style, st.value
	}
	if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
		v = strconv.FormatFloat(f, 'f', -1, 64) // no such number in a spreadsheet
	}
	if v == nil {
		return b
	}
	b = appendCellName(append(b, `<c r="`...), col, row)
	b = append(b, '"')
	if style != 0 {
		b = strconv.AppendInt(append(b, ` s="`...), int64(style), 10)
		b = append(b, '"')
	}
	switch v := v.(type) {
	case int:
		b = strconv.AppendInt(append(b, "><v>"...), int64(v), 10)
		return append(b, "</v></c>"...)
	case float64:
		return append(append(append(b, "><v>"...), number(v)...), "</v></c>"...)
	case string:
		b = append(b, ` t="inlineStr"><is><t`...)
		if v != strings.TrimSpace(v) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = appendEscaped(append(b, '>'), cellText(v))
		return append(b, "</t></is></c>"...)
	}
	panic(fmt.Sprintf("xlsx cell of type %T", v))
}

// appendCellName appends "A1", "B1", … "AA1" for a 0-based column.
func appendCellName(b []byte, col, row int) []byte {
	var letters [3]byte
	i := len(letters)
	for col++; col > 0; col = (col - 1) / 26 {
		i--
		letters[i] = byte('A' + (col-1)%26)
	}
	return strconv.AppendInt(append(b, letters[i:]...), int64(row), 10)
}

// maxCellText is the most text Excel keeps in a cell, in UTF-16 units.
const maxCellText = 32767

// cellText is s as a cell keeps it: cut to Excel's limit, and with any
// text that Excel would decode as an escape escaped itself.
func cellText(s string) string {
	if len(s) > maxCellText { // fewer bytes cannot be more UTF-16 units
		units := 0
		for i, r := range s {
			if units += utf16.RuneLen(r); units > maxCellText {
				s = s[:i]
				break
			}
		}
	}
	if strings.Contains(s, "_x") {
		s = escapeEscapes(s)
	}
	return s
}

// escapeEscapes escapes, as "_x005F_", each underscore that starts what
// Excel reads as an escaped character ("_x000D_" is a CR). Only the
// underscore is replaced: in "_x005F_x0041_" the second escape starts
// on the first one's last underscore, and both must stay text.
func escapeEscapes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && looksEscaped(s[i:]) {
			b.WriteString("_x005F")
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// looksEscaped reports whether s starts with _xHHHH_.
func looksEscaped(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// appendEscaped appends s as XML text or attribute value. A character XML
// cannot hold (a control character, invalid UTF-8) becomes U+FFFD, and CR
// is a reference so that a reader does not turn it into a line feed.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\r':
			b = append(b, "&#xD;"...)
		case r == utf8.RuneError && size == 1, !xmlChar(r):
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = append(b, s[i-size:i]...)
		}
	}
	return b
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
