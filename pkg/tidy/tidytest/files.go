// Package tidytest builds the hostile and awkward import files that the
// importer's tests feed it, in pkg/tidy and in the command line alike.
package tidytest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// XLSXOf builds a workbook whose first sheet holds rows; a cell starting
// with "=" becomes a formula without a saved result.
func XLSXOf(t testing.TB, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		for j, v := range row {
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				t.Fatal(err)
			}
			if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
				err = f.SetCellFormula("Sheet1", cell, s[1:])
			} else {
				err = f.SetCellValue("Sheet1", cell, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ZipBomb is a small zip whose one entry unpacks to 300 MB of zeros.
func ZipBomb(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range 300 {
		if _, err := w.Write(zeros); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// LyingBomb is a real workbook whose sheet declares 1000 bytes in the zip
// directory but unpacks to 1 GB, which a size check alone lets through.
func LyingBomb(t testing.TB) []byte {
	t.Helper()
	good := XLSXOf(t, []any{"indicator", "year", "value"})
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			bomb := DeflatedZeros(t, 1<<10)
			w, err := zw.CreateRaw(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate,
				CompressedSize64: uint64(len(bomb)), UncompressedSize64: 1000})
			if err == nil {
				_, err = w.Write(bomb)
			}
			if err != nil {
				t.Fatal(err)
			}
		} else if err := zw.Copy(zf); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// DeflatedZeros is a deflate stream of mb MB of zeros, made in
// milliseconds: after a flush, the compressed form of a megabyte of zeros
// that follows zeros is the same every time, so it is repeated.
func DeflatedZeros(t testing.TB, mb int) []byte {
	t.Helper()
	var out bytes.Buffer
	fw, err := flate.NewWriter(&out, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	chunk := func() []byte {
		start := out.Len()
		if _, err := fw.Write(zeros); err != nil {
			t.Fatal(err)
		}
		if err := fw.Flush(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()[start:]
	}
	chunk()
	mid := bytes.Clone(chunk())
	for range mb - 2 {
		out.Write(mid)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
