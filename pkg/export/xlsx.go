package export

import (
	"archive/zip"
	"fmt"
	"io"
	"time"

	"github.com/impactboard/impactboard/pkg/report"
)

// XLSX writes p as a workbook: a Summary sheet (the headline and every
// indicator's status, and about's lines under its title, such as a
// snapshot's id, so that a sheet printed from it says what it was made
// from), one sheet per indicator with its figures in the columns of
// Header, and a Sources sheet. Numbers are numbers; a suppressed figure
// reads "suppressed (n < T)".
func XLSX(w io.Writer, p *report.Partnership, generated time.Time, about ...About) error {
	return writeXLSX(w, FromReport(p), generated, about)
}

// About is a labelled line of the Summary's heading.
type About struct {
	Label, Value string
}

// SourceXLSX writes src as XLSX does. We write the SpreadsheetML ourselves
// rather than through excelize: its stream writer keeps up to 16 MiB of
// every sheet in memory until the workbook is saved, so memory grew with
// the number of indicators, and it saved parts in random order. Here each
// row goes straight into a deflated zip entry on w, one sheet after
// another in a fixed order: memory holds a row, and one report always
// gives the same bytes (a snapshot's checksum). The Summary, first in the
// workbook, is written after the indicator sheets, once every indicator's
// summary is final; zip entries need no order.
func SourceXLSX(w io.Writer, src Source, generated time.Time) error {
	return writeXLSX(w, src, generated, nil)
}

func writeXLSX(w io.Writer, src Source, generated time.Time, about []About) error {
	zw := zip.NewWriter(w)
	b := newBook(zw, src.Report(), generated, about)
	if err := b.write(src); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := b.writePackage(); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// book is a workbook being written. Sheet numbers (their part names and
// ids) are 1 for the Summary, 2… for the indicators in order, and the last
// for the Sources.
type book struct {
	zw      *zip.Writer
	p       *report.Partnership
	at      time.Time   // generated: the Summary's and the entries' time (a fixed one keeps the bytes repeatable)
	sheets  []string    // one per indicator, in order
	sources *sourceList // filled as indicator sheets are written
	about   []About     // lines under the Summary's title
}

// newBook names every sheet up front, so the Summary can name them.
func newBook(zw *zip.Writer, p *report.Partnership, generated time.Time, about []About) *book {
	b := &book{zw: zw, p: p, at: generated.UTC(), sources: newSourceList(), about: about}
	names := newSheetNames()
	for _, ind := range p.Indicators {
		b.sheets = append(b.sheets, names.name(ind.Name, ind.Slug))
	}
	return b
}

// create starts the zip entry name.
func (b *book) create(name string) (io.Writer, error) {
	return b.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: b.at})
}

// names is every sheet's name, by sheet number less one.
func (b *book) names() []string {
	return append(append([]string{summarySheet}, b.sheets...), sourcesSheet)
}

func (b *book) write(src Source) error {
	i := 0
	err := src.Each(func(ind *report.Indicator, figures report.FigureFunc) error {
		if i >= len(b.sheets) {
			return fmt.Errorf("indicator %s is not in the report", ind.Slug)
		}
		if err := b.indicator(i+2, ind, figures); err != nil {
			return fmt.Errorf("sheet for indicator %s: %w", ind.Slug, err)
		}
		i++
		return nil
	})
	if err != nil {
		return err
	}
	if i != len(b.sheets) {
		return fmt.Errorf("%d of %d indicator sheets written", i, len(b.sheets))
	}
	if err := b.summary(); err != nil {
		return fmt.Errorf("sheet %s: %w", summarySheet, err)
	}
	if err := b.sourcesSheet(len(b.sheets) + 2); err != nil {
		return fmt.Errorf("sheet %s: %w", sourcesSheet, err)
	}
	return nil
}
