package tidy

import (
	"fmt"
	"slices"
	"strings"
)

// Column names, in the order exports write them.
const (
	ColIndicator   = "indicator"
	ColYear        = "year"
	ColDimension   = "dimension"
	ColGroup       = "group"
	ColValue       = "value"
	ColNumerator   = "numerator"
	ColDenominator = "denominator"
	ColNote        = "note"
	ColSource      = "source"
	ColStatus      = "status"
)

// Columns lists every column an import file may have, in export order.
var Columns = []string{ColIndicator, ColYear, ColDimension, ColGroup, ColValue, ColNumerator, ColDenominator, ColNote, ColSource, ColStatus}

var required = []string{ColIndicator, ColYear, ColValue}

// header maps each known column the file has to its cell index. Cells
// under a column with an empty name are ignored while they are empty, since
// spreadsheets often save a trailing empty column.
type header struct {
	index   map[string]int
	unnamed []int
	width   int
}

// readHeader interprets the first row; problems are reported at row, and a
// header with problems yields no rows, since no cell can be trusted to be in
// the column it seems to be.
func readHeader(row int, cells []string, ps *problems) (header, bool) {
	h := header{index: map[string]int{}, width: len(cells)}
	before := ps.len()
	for i, raw := range cells {
		name := strings.ToLower(strings.TrimSpace(raw))
		switch {
		case name == "":
			h.unnamed = append(h.unnamed, i)
		case !known(name):
			ps.add(row, strings.TrimSpace(raw), "unknown column %q (the columns are %s)", strings.TrimSpace(raw), strings.Join(Columns, ", "))
		case h.has(name):
			ps.add(row, name, "the column %q appears twice", name)
		default:
			h.index[name] = i
		}
	}
	if len(cells) == 1 && strings.Contains(cells[0], "\t") {
		ps.add(row, "", "the header is one cell holding tabs: save the file as CSV, separated by commas or semicolons")
	}
	for _, name := range required {
		if !h.has(name) {
			ps.add(row, name, "the required column %q is missing (the header needs %s)", name, strings.Join(required, ", "))
		}
	}
	return h, ps.len() == before
}

func known(name string) bool { return slices.Contains(Columns, name) }

func (h header) has(name string) bool {
	_, ok := h.index[name]
	return ok
}

// cell returns the cell of a column, "" when the column or cell is absent.
func (h header) cell(cells []string, name string) string {
	i, ok := h.index[name]
	if !ok || i >= len(cells) {
		return ""
	}
	return cells[i]
}

// Keepable lists the fields an import keeps as stored when its file has no
// column for them. Dimension and group are not among them: they are part of
// a figure's key, and no column means all groups.
var Keepable = []string{ColNumerator, ColDenominator, ColNote, ColSource, ColStatus}

// absent returns the keepable fields the header lacks.
func (h header) absent() []string {
	var out []string
	for _, c := range Keepable {
		if !h.has(c) {
			out = append(out, c)
		}
	}
	return out
}

// describe names what the header expects, for messages about cell counts.
func (h header) describe() string {
	return fmt.Sprintf("%d columns", h.width)
}
