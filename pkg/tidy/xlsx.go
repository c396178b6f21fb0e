package tidy

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxZipEntries bounds the files inside an XLSX; a workbook has a few dozen.
const maxZipEntries = 10_000

// xmlInMemory is the largest sheet excelize unpacks in memory; bigger ones
// go to a temporary file and are read as a stream.
const xmlInMemory = 16 << 20

// ParseXLSX reads the first sheet of an XLSX workbook the way ParseCSV reads
// a CSV file, and calls each for every valid row. Before anything is
// unpacked it checks that the file is a zip archive whose entries add up to
// at most opts.MaxUnzipBytes, so that a zip bomb or a file that is not a
// workbook is a problem, not a crash. Cells are read as stored (numbers
// unformatted); formulas give their saved result.
func ParseXLSX(r io.ReaderAt, size int64, opts Options, each func(Row) error) ([]Problem, error) {
	opts = opts.withDefaults()
	if err := CheckSize(size, opts); err != nil {
		return nil, err
	}
	if p, ok := checkZip(r, size, opts.MaxUnzipBytes); !ok {
		return []Problem{p}, nil
	}
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		UnzipSizeLimit: opts.MaxUnzipBytes, UnzipXMLSizeLimit: min(xmlInMemory, opts.MaxUnzipBytes), RawCellValue: true,
	})
	if err != nil {
		return []Problem{unreadable(err)}, nil
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return []Problem{{Message: "the workbook has no sheets"}}, nil
	}
	p := newParser(opts, each, true, func() int64 { return -1 })
	if err := readSheet(f, sheets[0], p); err != nil {
		return p.ps.result(), err
	}
	if p.badHead && len(sheets) > 1 {
		p.ps.add(0, "", "only the first sheet, %q, is read: it must hold the figures, one per row, under a header row (%s, ...)", sheets[0], strings.Join(required, ", "))
	}
	return p.finish(), nil
}

// readSheet streams a sheet's rows into p; excelize returns an empty row
// for each row number a sheet skips, so the count is the sheet's row number.
func readSheet(f *excelize.File, sheet string, p *parser) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		p.ps.addProblem(unreadable(err))
		return nil
	}
	defer rows.Close()
	row := 0
	for rows.Next() {
		row++
		cells, err := rows.Columns()
		if err != nil {
			p.ps.add(row, "", "cannot read the row: %v", err)
			return nil
		}
		if err := p.record(row, cells); errors.Is(err, errBadHeader) {
			return nil
		} else if err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		p.ps.add(row+1, "", "cannot read the row: %v", err)
	}
	return nil
}

// checkZip opens the archive's directory and adds up the sizes its entries
// will unpack to; archive/zip refuses an entry that unpacks to more than
// it declares, so the sum bounds the work.
func checkZip(r io.ReaderAt, size int64, limit int64) (Problem, bool) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return Problem{Message: "the file is not an XLSX workbook (it is not a zip archive); save it again as .xlsx, or as CSV UTF-8"}, false
	}
	if len(zr.File) > maxZipEntries {
		return Problem{Message: fmt.Sprintf("the workbook holds %d files, more than %d; it is not an ordinary XLSX file", len(zr.File), maxZipEntries)}, false
	}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(limit) {
			return Problem{Message: fmt.Sprintf("the workbook unpacks to more than %s (a zip bomb?); save the data as CSV UTF-8 instead", FormatBytes(limit))}, false
		}
	}
	for _, zf := range zr.File {
		if p, ok := checkEntry(zf); !ok {
			return p, false
		}
	}
	return notOOXML(zr)
}

// notOOXML refuses a zip archive that is no Office Open XML package (every
// one has [Content_Types].xml), naming an OpenDocument spreadsheet, which
// is a zip too, rather than letting excelize fail on it with "EOF".
func notOOXML(zr *zip.Reader) (Problem, bool) {
	kind := "a zip archive, not an XLSX workbook"
	for _, zf := range zr.File {
		switch zf.Name {
		case "[Content_Types].xml":
			return Problem{}, true
		case "mimetype":
			if rc, err := zf.Open(); err == nil {
				head, _ := io.ReadAll(io.LimitReader(rc, 100))
				rc.Close()
				if strings.Contains(string(head), "opendocument.spreadsheet") {
					kind = "an OpenDocument spreadsheet (.ods), not an XLSX workbook"
				}
			}
		}
	}
	return Problem{Message: "the file is " + kind + "; save it as .xlsx, or as CSV UTF-8"}, false
}

// checkEntry unpacks one entry to nowhere, to be sure it holds what the
// directory declares. excelize drops the error archive/zip gives for an
// entry that unpacks to more than its declared size and parses the first
// bytes, so a sheet that declares 1000 bytes and unpacks to 1 GB read as a
// sheet with no rows. archive/zip stops one byte past the declared size,
// so this costs at most what the sizes checked above allow.
func checkEntry(zf *zip.File) (Problem, bool) {
	rc, err := zf.Open()
	if err != nil {
		return unreadable(err), false
	}
	defer rc.Close()
	// After Open, archive/zip reports ErrFormat for an entry longer than
	// declared (and for a bad data descriptor, which is rarer).
	_, err = io.Copy(io.Discard, rc)
	switch {
	case err == nil:
		return Problem{}, true
	case errors.Is(err, zip.ErrFormat):
		return Problem{Message: fmt.Sprintf("the workbook cannot be read: %s unpacks to more than the %s it declares (a zip bomb?); save the data as CSV UTF-8 instead",
			zf.Name, FormatBytes(int64(zf.UncompressedSize64)))}, false
	}
	return unreadable(err), false
}

func unreadable(err error) Problem {
	return Problem{Message: fmt.Sprintf("the workbook cannot be read (%v); save it again as .xlsx, or as CSV UTF-8", err)}
}
