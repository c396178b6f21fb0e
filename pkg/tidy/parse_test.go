package tidy_test

import (
	"reflect"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/tidy"
)

// TestParseAccepts checks the encodings, line ends, separators and header
// styles a spreadsheet may save, and that hostile-looking text survives as
// text: rendering escapes it, and exports neutralise formulas.
func TestParseAccepts(t *testing.T) {
	grad := func(line, year int, v float64) tidy.Row {
		return tidy.Row{Line: line, M: domain.Measurement{Indicator: "graduation-rate", Year: year, Value: v}}
	}
	withNote := func(r tidy.Row, note string) tidy.Row { r.M.Note = note; return r }
	cases := []struct {
		name, file string
		data       []byte
		want       []tidy.Row
	}{
		{"BOM and CRLF", "a.csv", []byte("\xEF\xBB\xBFindicator,year,value\r\ngraduation-rate,2019,85\r\ngraduation-rate,2020,86\r\n"),
			[]tidy.Row{grad(2, 2019, 85), grad(3, 2020, 86)}},
		{"CR only", "a.csv", []byte("indicator,year,value\rgraduation-rate,2019,85\rgraduation-rate,2020,86"),
			[]tidy.Row{grad(2, 2019, 85), grad(3, 2020, 86)}},
		{"semicolons", "a.csv", []byte("indicator;year;value;note\ngraduation-rate;2019;85;\"one, two; three\"\n"),
			[]tidy.Row{withNote(grad(2, 2019, 85), "one, two; three")}},
		{"header in any case and order", "a.csv", csvOf(" Value ,NOTE,Year,Indicator", "85,x,2019,graduation-rate"),
			[]tidy.Row{withNote(grad(2, 2019, 85), "x")}},
		{"blank lines keep row numbers", "a.csv", csvOf("indicator,year,value", "", "graduation-rate,2019,85", ",,", "graduation-rate,2020,86"),
			[]tidy.Row{grad(3, 2019, 85), grad(5, 2020, 86)}},
		{"trailing empty column", "a.csv", csvOf("indicator,year,value,", "graduation-rate,2019,85,"),
			[]tidy.Row{grad(2, 2019, 85)}},
		{"script tag in a note", "a.csv", csvOf("indicator,year,value,note", `graduation-rate,2019,85,"<script>alert(""x"")</script>"`),
			[]tidy.Row{withNote(grad(2, 2019, 85), `<script>alert("x")</script>`)}},
		{"formula text in a note", "a.csv", csvOf("indicator,year,value,note", `graduation-rate,2019,85,"=HYPERLINK(""http://x.example"")"`),
			[]tidy.Row{withNote(grad(2, 2019, 85), `=HYPERLINK("http://x.example")`)}},
		{"multi-line note", "a.csv", []byte("indicator,year,value,note\r\ngraduation-rate,2019,85,\"a\r\nb\"\r\ngraduation-rate,2020,86,\r\n"),
			[]tidy.Row{withNote(grad(2, 2019, 85), "a\nb"), grad(3, 2020, 86)}},
		{"line breaks in cells and blank lines", "a.csv", csvOf("indicator,year,value,note", `graduation-rate,2019,85,"a`, "", `b"`, "",
			`graduation-rate,2020,86,"c`, `d"`, "graduation-rate,2021,87,"),
			[]tidy.Row{withNote(grad(2, 2019, 85), "a\n\nb"), withNote(grad(4, 2020, 86), "c\nd"), grad(5, 2021, 87)}},
		{"every column", "a.csv", csvOf("indicator,year,dimension,group,value,numerator,denominator,note,source,status",
			"graduation-rate,2019,Income,Low income,70.5,141,200,n,https://x.example/a,Submitted"),
			[]tidy.Row{{Line: 2, M: domain.Measurement{Indicator: "graduation-rate", Year: 2019, Dimension: "Income", Group: "Low income",
				Value: 70.5, Numerator: ptr(141), Denominator: ptr(200), Note: "n", Source: "https://x.example/a", Status: domain.StatusSubmitted}}}},
		{"xlsx", "a.xlsx", xlsxOf(t, []any{"Indicator", "Year", "Value", "Note"}, []any{"graduation-rate", 2019, 85.5, "<b>x</b>"},
			[]any{}, []any{"graduation-rate", 2020, 0.0001}),
			[]tidy.Row{withNote(grad(2, 2019, 85.5), "<b>x</b>"), grad(4, 2020, 0.0001)}},
		{"xlsx under a .csv name", "a.csv", xlsxOf(t, []any{"indicator", "year", "value"}, []any{"graduation-rate", 2019, 85}),
			[]tidy.Row{grad(2, 2019, 85)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := parseFile(t, c.file, c.data, tidy.Options{})
			if got.err != nil || len(got.problems) > 0 {
				t.Fatalf("problems %q, error %v; want none", got.problems, got.err)
			}
			for i := range got.rows {
				got.rows[i].Absent = nil // see TestParseAbsent
			}
			if !reflect.DeepEqual(got.rows, c.want) {
				t.Errorf("rows = %+v\nwant %+v", got.rows, c.want)
			}
		})
	}
}

// TestParseCSVStreamLimit checks a stream is cut off at the size limit when
// its size was not known in advance.
func TestParseCSVStreamLimit(t *testing.T) {
	data := csvOf("indicator,year,value", "enrollment,2019,1", "enrollment,2020,1")
	_, err := tidy.ParseCSV(bytesReader(data), tidy.Options{MaxBytes: 30}, func(tidy.Row) error { return nil })
	if got, want := domain.ErrorMessage(err), "the file is larger than the import limit of 30 bytes; split it into smaller files"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

// TestProblemsAreCapped checks a file that is wrong on every row gives a
// bounded list that says how many more there were.
func TestProblemsAreCapped(t *testing.T) {
	lines := []string{"indicator,year,value"}
	for i := range 1500 {
		lines = append(lines, "enrollment,"+itoa(1900+i%200)+",x")
	}
	got := parseFile(t, "a.csv", csvOf(lines...), tidy.Options{})
	if n := len(got.problems); n != 1001 {
		t.Fatalf("%d problems, want 1000 and a count", n)
	}
	if got, want := got.problems[1000].Message, "and 500 more problems"; got != want {
		t.Errorf("last problem = %q, want %q", got, want)
	}
}

// TestParseAbsent checks rows name the keepable columns their file lacks.
func TestParseAbsent(t *testing.T) {
	cases := []struct {
		header, row string
		want        []string
	}{
		{"indicator,year,value", "graduation-rate,2019,85", []string{"numerator", "denominator", "note", "source", "status"}},
		{"indicator,year,value,Note,STATUS", "graduation-rate,2019,85,,", []string{"numerator", "denominator", "source"}},
		{"indicator,year,dimension,group,value,numerator,denominator,note,source,status", "graduation-rate,2019,,,85,,,,,", nil},
	}
	for _, c := range cases {
		got := parseFile(t, "a.csv", csvOf(c.header, c.row), tidy.Options{})
		if len(got.rows) != 1 {
			t.Fatalf("%s: %d rows (%q), want 1", c.header, len(got.rows), got.problems)
		}
		if !reflect.DeepEqual(got.rows[0].Absent, c.want) {
			t.Errorf("%s: Absent = %q, want %q", c.header, got.rows[0].Absent, c.want)
		}
	}
}
