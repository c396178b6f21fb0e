package export

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/impactboard/impactboard/pkg/report"
)

// XLSX writes p as a workbook: a Summary sheet (the headline and every
// indicator's status), one sheet per indicator with its figures in the
// columns of Header, and a Sources sheet. Numbers are numbers; a suppressed
// figure reads "suppressed (n < T)". Each sheet goes through excelize's
// stream writer, which keeps at most 16 MiB of a sheet in memory and the
// rest in a temporary file, and the zip is written straight into w.
func XLSX(w io.Writer, p *report.Partnership, generated time.Time) error {
	return SourceXLSX(w, FromReport(p), generated)
}

// SourceXLSX writes src as XLSX does, one indicator sheet after another;
// the Summary, first in the workbook, is written last, once every
// indicator's summary is final.
func SourceXLSX(w io.Writer, src Source, generated time.Time) (err error) {
	f := excelize.NewFile()
	defer func() { err = errors.Join(err, closeFile(f)) }()
	// excelize builds the whole zip in a buffer before writing it out;
	// handing it a zip writer on w instead makes the zip stream, and one
	// that sorts the parts makes the bytes repeatable. WriteTo then copies
	// its (empty) buffer.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newSortedZip(w) })
	b, err := newBook(f, src.Report())
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := b.write(src, generated); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

func closeFile(f *excelize.File) error {
	if err := f.Close(); err != nil {
		return fmt.Errorf("remove xlsx temporary files: %w", err)
	}
	return nil
}

// book is a workbook being written.
type book struct {
	f       *excelize.File
	p       *report.Partnership
	sheets  []string // one per indicator, in order
	styles  styles
	sources *sourceList // filled as indicator sheets are written
}

type styles struct {
	title, header, ratio int
}

// newBook creates every sheet up front, so the Summary can name them.
func newBook(f *excelize.File, p *report.Partnership) (*book, error) {
	b := &book{f: f, p: p, sources: newSourceList()}
	if err := f.SetSheetName("Sheet1", summarySheet); err != nil {
		return nil, err
	}
	names := newSheetNames()
	for _, ind := range p.Indicators {
		name := names.name(ind.Name, ind.Slug)
		if _, err := f.NewSheet(name); err != nil {
			return nil, fmt.Errorf("sheet for indicator %s: %w", ind.Slug, err)
		}
		b.sheets = append(b.sheets, name)
	}
	if _, err := f.NewSheet(sourcesSheet); err != nil {
		return nil, err
	}
	var err error
	b.styles, err = newStyles(f)
	return b, err
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var errs [3]error
	s.title, errs[0] = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.header, errs[1] = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	s.ratio, errs[2] = f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	return s, errors.Join(errs[:]...)
}

func (b *book) write(src Source, generated time.Time) error {
	i := 0
	err := src.Each(func(ind *report.Indicator, figures report.FigureFunc) error {
		if err := b.indicator(b.sheets[i], ind, figures); err != nil {
			return fmt.Errorf("sheet for indicator %s: %w", ind.Slug, err)
		}
		i++
		return nil
	})
	if err != nil {
		return err
	}
	if err := b.summary(generated); err != nil {
		return fmt.Errorf("sheet %s: %w", summarySheet, err)
	}
	if err := b.sourcesSheet(); err != nil {
		return fmt.Errorf("sheet %s: %w", sourcesSheet, err)
	}
	return nil
}

// sheet writes rows one after another through a stream writer.
type sheet struct {
	sw  *excelize.StreamWriter
	row int
}

// newSheet opens a stream on name with the given column widths, which must
// be set before the first row.
func (b *book) newSheet(name string, widths ...float64) (*sheet, error) {
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	return &sheet{sw: sw}, nil
}

func (s *sheet) add(cells ...any) error {
	s.row++
	ref, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return err
	}
	return s.sw.SetRow(ref, cells)
}

// header writes a bold row of column names.
func (s *sheet) header(style int, names ...string) error {
	cells := make([]any, len(names))
	for i, n := range names {
		cells[i] = excelize.Cell{StyleID: style, Value: n}
	}
	return s.add(cells...)
}

func (s *sheet) skip() { s.row++ }
