package seed

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// row is one CSV record, its cells by column name.
type row struct {
	line  int
	cells map[string]string
}

var bom = []byte("\uFEFF")

// readTable reads a CSV file whose header must name exactly columns, in any
// order. Problems are recorded; the rows that could be read are returned.
func (l *loader) readTable(name string, data []byte, columns []string) []row {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, bom)))
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		l.fail(name, 0, "header", "the file is empty: its first line must be "+strings.Join(columns, ","))
		return nil
	} else if err != nil {
		l.csvError(name, err)
		return nil
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	if !l.checkHeader(name, header, columns) {
		return nil
	}
	return l.readRows(name, r, header)
}

func (l *loader) readRows(name string, r *csv.Reader, header []string) []row {
	var rows []row
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows
		}
		if errors.Is(err, csv.ErrFieldCount) {
			line, _ := r.FieldPos(0)
			l.fail(name, line, "row", fmt.Sprintf("has %d cells but the header has %d columns", len(rec), len(header)))
			continue
		} else if err != nil {
			l.csvError(name, err)
			return nil
		}
		line, _ := r.FieldPos(0)
		cells := make(map[string]string, len(header))
		for i, col := range header {
			cells[col] = strings.TrimSpace(rec[i])
		}
		rows = append(rows, row{line: line, cells: cells})
	}
}

// checkHeader reports missing, unknown and repeated columns.
func (l *loader) checkHeader(name string, header, columns []string) bool {
	if len(header) == 1 && strings.Contains(header[0], ";") {
		// A spreadsheet saved with semicolons reads as one column; one
		// message says more than a list of every missing column.
		l.fail(name, 1, "header", "columns are separated by semicolons; save the file with commas")
		return false
	}
	ok := true
	for i, col := range header {
		switch {
		case !slices.Contains(columns, col):
			l.fail(name, 1, fmt.Sprintf("column %q", col), "is not a known column (the columns are "+strings.Join(columns, ",")+")")
			ok = false
		case slices.Index(header, col) < i:
			l.fail(name, 1, fmt.Sprintf("column %q", col), "appears twice")
			ok = false
		}
	}
	for _, col := range columns {
		if !slices.Contains(header, col) {
			l.fail(name, 1, fmt.Sprintf("column %q", col), "is missing from the header")
			ok = false
		}
	}
	return ok
}

func (l *loader) csvError(name string, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		l.fail(name, pe.Line, "csv", pe.Err.Error())
		return
	}
	l.fail(name, 0, "csv", err.Error())
}
