package tidy

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Format is an import file's format.
type Format int

// Formats.
const (
	FormatCSV Format = iota + 1
	FormatXLSX
)

// String names the format.
func (f Format) String() string {
	switch f {
	case FormatCSV:
		return "CSV"
	case FormatXLSX:
		return "XLSX"
	}
	return "unknown"
}

var (
	zipMagic      = []byte("PK\x03\x04")
	emptyZipMagic = []byte("PK\x05\x06")
	oleMagic      = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Detect tells the format of a file from its first bytes and its name. The
// bytes decide, since names lie: a zip archive is XLSX, anything else is
// read as CSV unless the name promises a spreadsheet format. The error says
// what to do with a file that cannot be imported.
func Detect(name string, head []byte) (Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(head, zipMagic), bytes.HasPrefix(head, emptyZipMagic):
		return FormatXLSX, nil
	case bytes.HasPrefix(head, oleMagic), ext == ".xls":
		return 0, domain.Errorf(domain.EINVALID, "%s is an old-style Excel workbook (.xls) or a password-protected one; save it as .xlsx or as CSV UTF-8", filepath.Base(name))
	case ext == ".xlsx", ext == ".xlsm":
		return 0, domain.Errorf(domain.EINVALID, "%s has an .xlsx name but is not an XLSX workbook (it is not a zip archive); save it again as .xlsx, or as CSV UTF-8", filepath.Base(name))
	case ext == ".ods", ext == ".numbers":
		return 0, domain.Errorf(domain.EINVALID, "%s is not a CSV or XLSX file; save it as .xlsx or as CSV UTF-8", filepath.Base(name))
	}
	return FormatCSV, nil
}

// Parse checks the size, detects the format and reads the file with
// ParseCSV or ParseXLSX. A file whose format cannot be imported is a
// file-level problem.
func Parse(name string, r io.ReaderAt, size int64, opts Options, each func(Row) error) ([]Problem, error) {
	if err := CheckSize(size, opts); err != nil {
		return nil, err
	}
	head := make([]byte, len(oleMagic))
	n, err := r.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return nil, err
	}
	format, err := Detect(name, head[:n])
	if err != nil {
		return []Problem{{Message: domain.ErrorMessage(err)}}, nil
	}
	if format == FormatXLSX {
		return ParseXLSX(r, size, opts, each)
	}
	return ParseCSV(io.NewSectionReader(r, 0, size), opts, each)
}
