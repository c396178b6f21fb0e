package tidy_test

import (
	"os"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/tidy"
)

const hdr = "indicator,year,dimension,group,value,numerator,denominator,note,source"

// TestHostileInputs feeds the importer malformed and hostile files. Each
// must give its message at its row and column (row 0: the whole file; row 1:
// the header) or, for a limit, an error; none may pass the bad figure on.
func TestHostileInputs(t *testing.T) {
	latin1 := append([]byte("indicator,year,value,note\ngraduation-rate,2019,85,caf"), 0xE9, '\n')
	utf16 := []byte{0xFF, 0xFE, 'i', 0, 'n', 0}
	xls := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}
	cases := []struct {
		name, file string
		data       []byte
		opts       tidy.Options
		row        int
		column     string
		message    string // in the problem, or in the error when row < 0
	}{
		{"non-numeric value", "a.csv", csvOf("indicator,year,value", "graduation-rate,2019,eighty"), tidy.Options{}, 2, "value", `"eighty" is not a number`},
		{"N/A", "a.csv", csvOf("indicator,year,value", "graduation-rate,2019,N/A"), tidy.Options{}, 2, "value", "leave out rows that have no figure"},
		{"empty value", "a.csv", csvOf("indicator,year,value", "graduation-rate,2019,"), tidy.Options{}, 2, "value", "a number is required"},
		{"percent 120", "a.csv", csvOf("indicator,year,value", "graduation-rate,2019,120"), tidy.Options{}, 2, "value", "120% is outside 0..100"},
		{"year 0", "a.csv", csvOf("indicator,year,value", "graduation-rate,0,85"), tidy.Options{}, 2, "year", "year 0 is outside 1900..2100"},
		{"year 99999", "a.csv", csvOf("indicator,year,value", "graduation-rate,99999,85"), tidy.Options{}, 2, "year", "year 99999 is outside 1900..2100"},
		{"school year", "a.csv", csvOf("indicator,year,value", "graduation-rate,2018-19,85"), tidy.Options{}, 2, "year", "2018-19 is 2019"},
		{"1e309", "a.csv", csvOf("indicator,year,value", "enrollment,2019,1e309"), tidy.Options{}, 2, "value", `"1e309" is not a finite number`},
		{"NaN", "a.csv", csvOf("indicator,year,value", "enrollment,2019,NaN"), tidy.Options{}, 2, "value", `"NaN" is not a finite number`},
		{"Inf", "a.csv", csvOf("indicator,year,value", "enrollment,2019,-Inf"), tidy.Options{}, 2, "value", `"-Inf" is not a finite number`},
		{"hex float", "a.csv", csvOf("indicator,year,value", "enrollment,2019,0x1p4"), tidy.Options{}, 2, "value", `"0x1p4" is not a number`},
		{"percent sign", "a.csv", csvOf("indicator,year,value", "graduation-rate,2019,84.5%"), tidy.Options{}, 2, "value", "without the % sign (84.5)"},
		{"decimal comma", "a.csv", csvOf("indicator;year;value", "graduation-rate;2019;84,5"), tidy.Options{}, 2, "value", "use a decimal point (84.5)"},
		{"formula value", "a.csv", csvOf("indicator,year,value", "graduation-rate,2019,=1+1"), tidy.Options{}, 2, "value", "is a formula"},
		{"empty file", "a.csv", nil, tidy.Options{}, 0, "", "the file has no data rows"},
		{"header only", "a.csv", csvOf(hdr), tidy.Options{}, 0, "", "the file has no data rows"},
		{"missing required column", "a.csv", csvOf("indicator,year,note", "graduation-rate,2019,x"), tidy.Options{}, 1, "value", `the required column "value" is missing`},
		{"tab separated", "a.csv", csvOf("indicator\tyear\tvalue", "graduation-rate\t2019\t85"), tidy.Options{}, 1, "", "the header is one cell holding tabs"},
		{"unknown column", "a.csv", csvOf("indicator,year,value,colour", "graduation-rate,2019,85,red"), tidy.Options{}, 1, "colour", `unknown column "colour"`},
		{"column twice", "a.csv", csvOf("indicator,year,value,Value", "graduation-rate,2019,85,85"), tidy.Options{}, 1, "value", "appears twice"},
		{"unknown indicator", "a.csv", csvOf("indicator,year,value", "graduation_rate,2019,85"), tidy.Options{}, 2, "indicator", `unknown indicator "graduation_rate": partnership test-valley has no indicator with that slug (did you mean "graduation-rate"?)`},
		{"empty indicator", "a.csv", csvOf("indicator,year,value", ",2019,85"), tidy.Options{}, 2, "indicator", "an indicator slug is required"},
		{"duplicate rows", "a.csv", csvOf("indicator,year,value", "graduation-rate,2019,85", "graduation-rate,2019,86"), tidy.Options{}, 3, "", "duplicate of row 2"},
		{"numerator over denominator", "a.csv", csvOf(hdr, "graduation-rate,2019,,,85,120,100,,"), tidy.Options{}, 2, "numerator", "numerator 120 is greater than denominator 100"},
		{"dimension without group", "a.csv", csvOf(hdr, "graduation-rate,2019,Income,,85,,,,"), tidy.Options{}, 2, "group", "give both or neither"},
		{"bad status", "a.csv", csvOf("indicator,year,value,status", "graduation-rate,2019,85,done"), tidy.Options{}, 2, "status", `"done" is not a status`},
		{"source not a link", "a.csv", csvOf("indicator,year,value,source", "graduation-rate,2019,85,javascript:alert(1)"), tidy.Options{}, 2, "source", "is not an http(s) address"},
		{"Latin-1 bytes", "a.csv", latin1, tidy.Options{}, 2, "note", "save the file as UTF-8"},
		{"control character", "a.csv", csvOf("indicator,year,value,note", "graduation-rate,2019,85,a\x00b"), tidy.Options{}, 2, "note", "control character U+0000"},
		{"huge cell", "a.csv", csvOf("indicator,year,value,note", "graduation-rate,2019,85,"+strings.Repeat("x", 10_001)), tidy.Options{}, 2, "note", "longer than 10000 characters"},
		{"bare quote", "a.csv", csvOf("indicator,year,value,note", `graduation-rate,2019,85,say "hi"`), tidy.Options{}, 2, "", "cannot read the row"},
		{"unquoted separator", "a.csv", csvOf("indicator,year,value,note", "graduation-rate,2019,85,one, two"), tidy.Options{}, 2, "E", "unquoted separator"},
		{"short row", "a.csv", csvOf("indicator,year,value,note", "graduation-rate,2019"), tidy.Options{}, 2, "", "the row has 2 cells but the header has 4 columns"},
		{"bad row after a line break in a note", "a.csv", csvOf("indicator,year,value,note", "enrollment,2015,1,", "enrollment,2016,1,",
			"enrollment,2017,1,", "enrollment,2018,1,", "enrollment,2019,1,", `enrollment,2020,1,"two`, `lines"`, "enrollment,2021,x,"),
			tidy.Options{}, 8, "value", `"x" is not a number`},
		{"unreadable row after a line break in a note", "a.csv", csvOf("indicator,year,value,note", `enrollment,2020,1,"two`, `lines"`,
			`enrollment,2021,1,say "hi"`), tidy.Options{}, 3, "", "cannot read the row"},
		{"bad row among good ones", "a.csv", csvOf("indicator,year,value", "enrollment,2019,1", "enrollment,2020,1", "enrollment,2021,x", "enrollment,2022,1"), tidy.Options{}, 4, "value", `"x" is not a number`},
		{"UTF-16", "a.csv", utf16, tidy.Options{}, 0, "", "the file is UTF-16 text"},
		{"binary", "a.csv", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01"), make([]byte, 64)...), tidy.Options{}, 0, "",
			"the file is not text (it holds NUL bytes"},
		{"UTF-16 without a byte-order mark", "a.csv", []byte("i\x00n\x00d\x00i\x00c\x00"), tidy.Options{}, 0, "", "the file is not text"},
		{"too many rows", "a.csv", csvOf("indicator,year,value", "enrollment,2019,1", "enrollment,2020,1", "enrollment,2021,1"), tidy.Options{MaxRows: 2}, -1, "", "more than 2 data rows"},
		{"over a small size limit", "a.csv", csvOf("indicator,year,value", "enrollment,2019,1"), tidy.Options{MaxBytes: 10}, -1, "", "the file is 39 bytes, larger than the import limit of 10 bytes"},
		{"old .xls", "a.xls", xls, tidy.Options{}, 0, "", "old-style Excel workbook"},
		{"xlsx not a zip", "a.xlsx", csvOf("indicator,year,value"), tidy.Options{}, 0, "", "is not an XLSX workbook (it is not a zip archive)"},
		{"zip that is not a workbook", "a.xlsx", zipOf(t, "hello.txt", "hi"), tidy.Options{}, 0, "", "the file is a zip archive, not an XLSX workbook"},
		{"OpenDocument spreadsheet", "a.ods", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet"), tidy.Options{}, 0, "",
			"the file is an OpenDocument spreadsheet (.ods), not an XLSX workbook; save it as .xlsx, or as CSV UTF-8"},
		{"zip bomb", "a.xlsx", zipBomb(t), tidy.Options{}, 0, "", "unpacks to more than 256 MB (a zip bomb?)"},
		{"zip bomb declaring 1000 bytes", "a.xlsx", lyingBomb(t), tidy.Options{}, 0, "",
			"the workbook cannot be read: xl/worksheets/sheet1.xml unpacks to more than the 1000 bytes it declares (a zip bomb?)"},
		{"xlsx formula cell", "a.xlsx", xlsxOf(t, []any{"indicator", "year", "value"}, []any{"graduation-rate", 2019, "=1+1"}), tidy.Options{}, 2, "value", "a number is required"},
		{"xlsx text value", "a.xlsx", xlsxOf(t, []any{"indicator", "year", "value"}, []any{"graduation-rate", 2019, "n/a"}), tidy.Options{}, 2, "value", "leave out rows"},
		{"xlsx figures not on the first sheet", "a.xlsx", twoSheets(t), tidy.Options{}, 0, "", `only the first sheet, "Summary", is read`},
		{"xlsx year 99999", "a.xlsx", xlsxOf(t, []any{"Indicator", "YEAR", "value"}, []any{"graduation-rate", 99999, 85}), tidy.Options{}, 2, "year", "year 99999 is outside"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := parseFile(t, c.file, c.data, c.opts)
			checkProblem(t, got, c.row, c.column, c.message)
		})
	}
}

// TestFileOverSizeLimit checks a 60 MB file is refused by its size, before
// a byte of it is parsed.
func TestFileOverSizeLimit(t *testing.T) {
	path := bigCSV(t, t.TempDir(), 60<<20)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	got := parseReader(t, path, f, st.Size(), tidy.Options{})
	checkProblem(t, got, -1, "", "the file is 60 MB, larger than the import limit of 50 MB")
}

// checkProblem asserts the expected problem (or, for row < 0, error) and
// that no row with a problem came through.
func checkProblem(t *testing.T, got parsed, row int, column, message string) {
	t.Helper()
	if row < 0 {
		if got.err == nil || !strings.Contains(got.err.Error(), message) {
			t.Fatalf("error = %v, want one containing %q", got.err, message)
		}
		return
	}
	if got.err != nil {
		t.Fatalf("error = %v, want problems only", got.err)
	}
	for _, p := range got.problems {
		if p.Row == row && p.Column == column && strings.Contains(p.Message, message) {
			checkRendered(t, p)
			return
		}
	}
	t.Fatalf("problems = %q, want row %d, column %q: %q", got.problems, row, column, message)
}

// checkRendered checks the text a person sees names the row and column.
func checkRendered(t *testing.T, p tidy.Problem) {
	t.Helper()
	s := p.String()
	if p.Row > 0 && !strings.HasPrefix(s, "row ") {
		t.Errorf("String() = %q, want it to start with the row", s)
	}
	if p.Column != "" && !strings.Contains(s, "column "+p.Column+": ") {
		t.Errorf("String() = %q, want it to name column %s", s, p.Column)
	}
}
