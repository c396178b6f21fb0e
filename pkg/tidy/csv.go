package tidy

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

var (
	utf8BOM  = []byte{0xEF, 0xBB, 0xBF}
	utf16BOM = [][]byte{{0xFF, 0xFE}, {0xFE, 0xFF}}
)

// ParseCSV reads a CSV file of figures and calls each for every valid row,
// in file order, without holding the file in memory. The separator (comma
// or semicolon) is detected from the header line; a UTF-8 byte-order mark
// and CRLF, LF or CR line ends are accepted. Rows with problems are left
// out and described in the returned list (at most about 1000, then a
// count). The error is for what stops the read: an I/O error, a limit of
// opts (a *domain.Error), or an error returned by each.
func ParseCSV(r io.Reader, opts Options, each func(Row) error) ([]Problem, error) {
	opts = opts.withDefaults()
	counted := &limitReader{r: r, limit: opts.MaxBytes}
	br := bufio.NewReaderSize(counted, 64<<10)
	if p, ok := checkEncoding(br); !ok {
		return []Problem{p}, nil
	}
	cr := csv.NewReader(&newlines{r: br})
	cr.Comma = detectSeparator(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	p := newParser(opts, each, false, func() int64 { return counted.n })
	if err := readCSV(cr, p); err != nil {
		return p.ps.result(), err
	}
	return p.finish(), nil
}

func readCSV(cr *csv.Reader, p *parser) error {
	var rows rowCounter
	for {
		rec, err := cr.Read()
		var pe *csv.ParseError
		switch {
		case err == io.EOF:
			return nil
		case errors.As(err, &pe):
			p.ps.add(rows.next(pe.StartLine, pe.Line), "", "cannot read the row: %v (a cell holding a quote or a separator must be in double quotes, with its quotes doubled)", pe.Err)
			continue
		case err != nil:
			return err
		}
		if err := p.record(rows.record(cr, rec), rec); errors.Is(err, errBadHeader) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// rowCounter turns the file lines encoding/csv reports into the row
// numbers a spreadsheet shows, which are what people look for: a line
// break inside a quoted cell continues the row rather than starting one,
// while a blank line (which encoding/csv skips) is still an empty row.
type rowCounter struct {
	row     int // the row number of the last record
	endLine int // the file line that record ended on
}

// next counts the record that spans file lines start to end.
func (rc *rowCounter) next(start, end int) int {
	rc.row += start - rc.endLine
	rc.endLine = end
	return rc.row
}

// record counts rec, just read by cr: it ends on the line its last cell
// starts on, plus the line breaks in that cell (line ends are LF by now).
func (rc *rowCounter) record(cr *csv.Reader, rec []string) int {
	start, _ := cr.FieldPos(0)
	last, _ := cr.FieldPos(len(rec) - 1)
	return rc.next(start, last+strings.Count(rec[len(rec)-1], "\n"))
}

// checkEncoding skips a UTF-8 byte-order mark and refuses UTF-16, which
// Excel's "Unicode text" writes and which would read as noise.
func checkEncoding(br *bufio.Reader) (Problem, bool) {
	head, _ := br.Peek(3)
	if bytes.HasPrefix(head, utf8BOM) {
		br.Discard(len(utf8BOM))
		return Problem{}, true
	}
	for _, bom := range utf16BOM {
		if bytes.HasPrefix(head, bom) {
			return Problem{Message: "the file is UTF-16 text; save it as UTF-8 (in Excel: \"CSV UTF-8\")"}, false
		}
	}
	// Text holds no NUL bytes, binary files many (a random byte is one in
	// 256 times); one in a cell is left for that cell's message.
	sample, _ := br.Peek(4096)
	if bytes.Count(sample, []byte{0}) >= 4 {
		return Problem{Message: "the file is not text (it holds NUL bytes, as binary files and UTF-16 text without a byte-order mark do); import a CSV UTF-8 or an XLSX file"}, false
	}
	return Problem{}, true
}

// detectSeparator looks at the header line: semicolon-separated files come
// from spreadsheets set to a decimal-comma language, and encoding/csv would
// read them as one column.
func detectSeparator(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size())
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 {
		head = head[:i]
	}
	commas, semicolons, quoted := 0, 0, false
	for _, b := range head {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == ',':
			commas++
		case b == ';':
			semicolons++
		}
	}
	if semicolons > commas {
		return ';'
	}
	return ','
}

// newlines turns CRLF and lone CR line ends into LF: encoding/csv reads a
// CR-only (old Mac) file as a single record.
type newlines struct {
	r      io.Reader
	prevCR bool
}

func (n *newlines) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, b := range p[:k] {
			if b == '\n' && n.prevCR {
				n.prevCR = false
				continue
			}
			n.prevCR = b == '\r'
			if n.prevCR {
				b = '\n'
			}
			p[j] = b
			j++
		}
		// A chunk that was only the LF of a CRLF must not look like EOF.
		if j > 0 || err != nil || k == 0 {
			return j, err
		}
	}
}

// limitReader counts bytes and fails once more than limit have been read:
// a stream's size is not known in advance.
type limitReader struct {
	r     io.Reader
	n     int64
	limit int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n > l.limit {
		return 0, tooLarge(l.limit, 0)
	}
	if rest := l.limit + 1 - l.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	k, err := l.r.Read(p)
	l.n += int64(k)
	if l.n > l.limit {
		return k, tooLarge(l.limit, 0)
	}
	if err != nil && err != io.EOF {
		err = fmt.Errorf("read: %w", err)
	}
	return k, err
}
