package tidy_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/tidy"
	"github.com/impactboard/impactboard/pkg/tidy/tidytest"
)

// The builders of hostile files are shared with the command's tests.
var (
	xlsxOf    = tidytest.XLSXOf
	zipBomb   = tidytest.ZipBomb
	lyingBomb = tidytest.LyingBomb
)

// The figures below are made up for the tests; they are not data.

// testBundle is a partnership with a percent and a count indicator and two
// stored figures.
func testBundle() *domain.Bundle {
	return &domain.Bundle{
		Partnership: domain.Partnership{Slug: "test-valley", Name: "Test Valley"},
		Indicators: []domain.Indicator{
			{Slug: "graduation-rate", Goal: "graduation", Name: "Graduation rate", Unit: domain.UnitPercent, Decimals: 1,
				Direction: domain.HigherIsBetter, Method: domain.MethodLinear, Kind: domain.KindCore},
			{Slug: "enrollment", Goal: "graduation", Name: "Enrollment", Unit: domain.UnitCount,
				Direction: domain.HigherIsBetter, Method: domain.MethodLinear, Kind: domain.KindCore},
		},
		Measurements: []domain.Measurement{
			{Indicator: "graduation-rate", Year: 2019, Value: 84, Status: domain.StatusApproved, Note: "old note"},
			{Indicator: "graduation-rate", Year: 2019, Dimension: "Income", Group: "Low income", Value: 70,
				Numerator: ptr(70), Denominator: ptr(100), Status: domain.StatusSubmitted},
		},
	}
}

func ptr(v float64) *float64 { return &v }

// parsed is everything one parse and plan produced.
type parsed struct {
	rows     []tidy.Row
	problems []tidy.Problem // of the parse, then of the plan
	err      error
	plan     tidy.Plan
}

// parseFile parses data as a file called name and plans it against testBundle.
func parseFile(t testing.TB, name string, data []byte, opts tidy.Options) parsed {
	t.Helper()
	return parseReader(t, name, bytes.NewReader(data), int64(len(data)), opts)
}

func parseReader(t testing.TB, name string, r io.ReaderAt, size int64, opts tidy.Options) parsed {
	t.Helper()
	var out parsed
	out.problems, out.err = tidy.Parse(name, r, size, opts, func(r tidy.Row) error {
		out.rows = append(out.rows, r)
		return nil
	})
	out.plan = tidy.PlanImport(testBundle(), out.rows)
	out.problems = append(out.problems, out.plan.Problems...)
	return out
}

// csvOf joins lines with LF and a final line end.
func csvOf(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

// bigCSV writes a CSV file of exactly size bytes under dir (its last row
// cut short).
func bigCSV(t testing.TB, dir string, size int64) string {
	t.Helper()
	path := filepath.Join(dir, "big.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line := []byte("enrollment,2019,Student,s0000000,1\n")
	block := bytes.Repeat(line, 1<<14)
	f.WriteString("indicator,year,dimension,group,value\n")
	for written := int64(0); written < size; written += int64(len(block)) {
		if _, err := f.Write(block); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	return path
}

// zipOf builds a zip holding one file.
func zipOf(t testing.TB, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, content)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

func itoa(i int) string { return strconv.Itoa(i) }

// twoSheets is a workbook whose figures are on its second sheet.
func twoSheets(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Summary"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Figures"); err != nil {
		t.Fatal(err)
	}
	cells := []struct{ sheet, cell, value string }{
		{"Summary", "A1", "Partnership summary"},
		{"Figures", "A1", "indicator"}, {"Figures", "B1", "year"}, {"Figures", "C1", "value"},
	}
	for _, c := range cells {
		if err := f.SetCellValue(c.sheet, c.cell, c.value); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
