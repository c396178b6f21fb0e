package tidy

import (
	"errors"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
)

// Row is one valid figure read from a file. Line is its row as a
// spreadsheet shows it: the header is row 1, so the first figure is row 2.
// Absent lists the optional fields the file has no column for (numerator,
// denominator, note, source, status): an import keeps their stored values
// rather than clearing them. Every row of a file shares one Absent slice.
type Row struct {
	Line   int
	M      domain.Measurement
	Absent []string
}

// errBadHeader stops reading after a header with problems: no cell below it
// can be trusted to be in the column it seems to be.
var errBadHeader = errors.New("tidy: bad header")

// parser turns rows of cells into Rows. CSV and XLSX share it, so both
// formats follow the same rules and give the same messages.
type parser struct {
	opts     Options
	each     func(Row) error
	xlsx     bool         // cells come from a spreadsheet: short rows, exponents
	bytes    func() int64 // bytes read so far, for progress
	ps       problems
	head     header
	absent   []string
	haveHead bool
	badHead  bool
	rows     int
	keys     keys
}

func newParser(opts Options, each func(Row) error, xlsx bool, bytes func() int64) *parser {
	return &parser{opts: opts, each: each, xlsx: xlsx, bytes: bytes, keys: newKeys()}
}

// record handles the cells of one row. It returns errBadHeader, a limit
// error or each's error to stop the read.
func (p *parser) record(row int, cells []string) error {
	if blank(cells) {
		return nil
	}
	if !p.haveHead {
		p.haveHead = true
		cells[0] = strings.TrimPrefix(cells[0], "\uFEFF")
		var ok bool
		if p.head, ok = readHeader(row, cells, &p.ps); !ok {
			p.badHead = true
			return errBadHeader
		}
		p.absent = p.head.absent()
		return nil
	}
	p.rows++
	if p.rows > p.opts.MaxRows {
		return tooManyRows(p.opts.MaxRows)
	}
	if p.opts.Progress != nil && p.rows%DefaultProgressPeriod == 0 {
		p.opts.Progress(p.rows, p.bytes())
	}
	r, ok := p.convert(row, cells)
	if !ok || !p.unique(r) {
		return nil
	}
	return p.each(r)
}

// finish returns the problems, adding one when there was nothing to read.
func (p *parser) finish() []Problem {
	if p.rows == 0 && p.ps.len() == 0 {
		p.ps.add(0, "", "the file has no data rows (the first row is the header: %s, ...)", strings.Join(required, ", "))
	}
	return p.ps.result()
}

// convert checks every cell of a row and builds its figure.
func (p *parser) convert(row int, cells []string) (Row, bool) {
	before := p.ps.len()
	if !p.checkWidth(row, cells) {
		return Row{}, false
	}
	c := rowCells{p: p, row: row, cells: cells}
	indicator, ok := c.cell(ColIndicator)
	if ok && indicator == "" {
		p.ps.add(row, ColIndicator, "an indicator slug is required")
	}
	m := domain.Measurement{
		Indicator: indicator, Dimension: c.restored(ColDimension), Group: c.restored(ColGroup),
		Note: c.restored(ColNote), Source: c.restored(ColSource),
		Status: domain.MeasurementStatus(strings.ToLower(c.text(ColStatus))),
	}
	if s, ok := c.cell(ColYear); ok {
		m.Year, _ = p.year(row, s)
	}
	if s, ok := c.cell(ColValue); ok {
		m.Value, _ = p.number(row, ColValue, s)
	}
	m.Numerator = c.optional(ColNumerator)
	m.Denominator = c.optional(ColDenominator)
	p.status(row, m.Status)
	return Row{Line: row, M: m, Absent: p.absent}, p.ps.len() == before
}

// rowCells reads the cells of one row by column name. Each cell's text is
// checked once, where it is read, so each problem is reported once.
type rowCells struct {
	p     *parser
	row   int
	cells []string
}

func (c rowCells) cell(col string) (string, bool) {
	return c.p.text(c.row, col, c.p.head.cell(c.cells, col))
}

func (c rowCells) text(col string) string {
	s, _ := c.cell(col)
	return s
}

// restored reads a free-text cell, undoing the apostrophe an export puts
// before text a spreadsheet would take for a formula, so that exporting
// and importing gives back "=SUM(A1)" or "-5 points" exactly.
func (c rowCells) restored(col string) string {
	return export.RestoreCell(c.text(col))
}

func (c rowCells) optional(col string) *float64 {
	s, ok := c.cell(col)
	if !ok {
		return nil
	}
	v, _ := c.p.optional(c.row, col, s)
	return v
}

// checkWidth reports cells the header does not name, and a CSV row with
// fewer cells than the header, which is cut short (so its other cells are
// not worth checking); spreadsheets leave trailing empty cells out.
func (p *parser) checkWidth(row int, cells []string) bool {
	if !p.xlsx && len(cells) < p.head.width {
		p.ps.add(row, "", "the row has %d cells but the header has %s", len(cells), p.head.describe())
		return false
	}
	for i := p.head.width; i < len(cells); i++ {
		if strings.TrimSpace(cells[i]) != "" {
			p.ps.add(row, columnLetter(i), "the row has %d cells but the header has %s (is there an unquoted separator in a cell?)", len(cells), p.head.describe())
			return true
		}
	}
	for _, i := range p.head.unnamed {
		if i < len(cells) && strings.TrimSpace(cells[i]) != "" {
			p.ps.add(row, columnLetter(i), "the cell has a value but its column has no name in the header")
		}
	}
	return true
}

func (p *parser) status(row int, s domain.MeasurementStatus) {
	switch s {
	case "", domain.StatusDraft, domain.StatusSubmitted, domain.StatusApproved, domain.StatusReturned:
		return
	}
	p.ps.add(row, ColStatus, "%q is not a status: use draft, submitted, approved or returned, or leave it empty", string(s))
}

// unique reports whether r's key is new in the file, recording a problem
// naming both rows when it is not.
func (p *parser) unique(r Row) bool {
	if first, dup := p.keys.add(r); dup {
		p.ps.add(r.Line, "", "duplicate of row %d: the same indicator, year, dimension and group", first)
		return false
	}
	return true
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// columnLetter names a column the way spreadsheets do: A, B, ..., Z, AA.
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
