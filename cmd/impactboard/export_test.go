package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/impactboard/impactboard/pkg/export"
)

// exportDB is a SQLite file holding the sample partnerships.
func exportDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "export.db")
	if _, _, err := run("seed", "--db", db); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return db
}

const exportSlug = "anchorage-90-by-2020"

func TestExportFormats(t *testing.T) {
	db := exportDB(t)
	dir := t.TempDir()
	tests := []struct {
		name  string
		args  []string
		file  string
		check func(t *testing.T, data []byte)
	}{
		{"csv", []string{"--format", "csv"}, "out.csv", checkExportCSV},
		{"xlsx", []string{"--format", "xlsx"}, "out.xlsx", checkExportXLSX},
		{"json", []string{"--format", "json"}, "out.json", checkExportJSON},
		{"format from the extension", nil, "guess.xlsx", checkExportXLSX},
		{"flag over the extension", []string{"--format", "json"}, "named.csv", checkExportJSON},
		{"small cells", []string{"--include-small-cells"}, "members.csv", checkExportCSV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			args := append([]string{"export", "--db", db, "--partnership", exportSlug, "--output", path}, tt.args...)
			out, _, err := run(args...)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, path) {
				t.Errorf("stdout %q does not name the file written", out)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, data)
			checkExportMode(t, path, slices.Contains(tt.args, "--include-small-cells"))
			checkNoTempFiles(t, dir)
		})
	}
}

func checkExportCSV(t *testing.T, data []byte) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	if !slices.Equal(recs[0], export.Header) || len(recs) < 30 {
		t.Errorf("csv: header %q and %d rows, want %q and the sample's figures", recs[0], len(recs)-1, export.Header)
	}
}

func checkExportXLSX(t *testing.T, data []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) < 3 || sheets[0] != "Summary" || sheets[len(sheets)-1] != "Sources" {
		t.Errorf("xlsx sheets = %q, want Summary, the indicators, Sources", sheets)
	}
	if name, _ := f.GetCellValue("Summary", "A1"); name != "90% by 2020" {
		t.Errorf("xlsx: Summary A1 = %q, want the partnership's name", name)
	}
}

func checkExportJSON(t *testing.T, data []byte) {
	t.Helper()
	var doc struct {
		Format      string
		Version     int
		Partnership struct{ Slug string }
		Indicators  []json.RawMessage
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("json: %v", err)
	}
	if doc.Format != "impactboard-export" || doc.Version != 1 || doc.Partnership.Slug != exportSlug || len(doc.Indicators) == 0 {
		t.Errorf("json: format %q version %d partnership %q, %d indicators; want impactboard-export 1 %s and indicators",
			doc.Format, doc.Version, doc.Partnership.Slug, len(doc.Indicators), exportSlug)
	}
}

func checkExportMode(t *testing.T, path string, private bool) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	want := os.FileMode(0o644)
	if private {
		want = 0o600
	}
	if got := st.Mode().Perm(); got != want {
		t.Errorf("mode = %v, want %v", got, want)
	}
}

func checkNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestExportToStdout(t *testing.T) {
	db := exportDB(t)
	out, _, err := run("export", "--db", db, "--partnership", exportSlug)
	if err != nil {
		t.Fatal(err)
	}
	checkExportCSV(t, []byte(out))
	out, _, err = run("export", "--db", db, "--partnership", exportSlug, "--format", "json", "--output", "-")
	if err != nil {
		t.Fatal(err)
	}
	checkExportJSON(t, []byte(out))
}

func TestExportErrors(t *testing.T) {
	db := exportDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "never.csv")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no partnership", []string{"export", "--db", db}, "--partnership is required"},
		{"unknown format", []string{"export", "--db", db, "--partnership", exportSlug, "--format", "pdf"}, `"pdf"`},
		{"argument", []string{"export", "--db", db, exportSlug}, "no arguments"},
		{"unknown partnership", []string{"export", "--db", db, "--partnership", "nope", "--output", out}, `"nope" not found`},
		{"missing folder", []string{"export", "--db", db, "--partnership", exportSlug, "--output", filepath.Join(dir, "no", "x.csv")}, "cannot write"},
		{"file of another format", []string{"export", "--db", db, "--partnership", exportSlug, "--output", filepath.Join(dir, "board.pdf")},
			"a .pdf file is not a format export writes; name the file .csv, .xlsx or .json, or give --format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := run(tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one mentioning %s", err, tt.want)
			}
		})
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed export created %s", out)
	}
	checkNoTempFiles(t, dir)
}

func TestExportHelpSaysUnpublishedIsExportable(t *testing.T) {
	_, errOut, err := run("export", "--help")
	if err == nil || !strings.Contains(errOut, "published or not") || !strings.Contains(errOut, "--include-small-cells") {
		t.Errorf("export --help: %v\n%s", err, errOut)
	}
}

// TestWriteExportFileLeavesNoHalfFile: an export that fails halfway
// leaves neither a partial file nor a temporary one, and an older file of
// that name is kept whole.
func TestWriteExportFileLeavesNoHalfFile(t *testing.T) {
	dir := t.TempDir()
	failing := func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("half a file\n", 10000))
		return errors.New("disk on fire")
	}
	fresh := filepath.Join(dir, "fresh.csv")
	if err := writeExportFile(fresh, 0o644, failing); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("error = %v, want the writer's", err)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("failed export left %s", fresh)
	}
	old := filepath.Join(dir, "old.csv")
	if err := os.WriteFile(old, []byte("old export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeExportFile(old, 0o644, failing); err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(old); string(b) != "old export\n" {
		t.Errorf("old file now holds %d bytes, want it unchanged", len(b))
	}
	checkNoTempFiles(t, dir)
}

// TestExportSuppressesSmallCells: a group of 5 students is hidden from a
// public export and shown with --include-small-cells.
func TestExportSuppressesSmallCells(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "seed", exportSlug)
	copyDir(t, "../../seed/"+exportSlug, src)
	f, err := os.OpenFile(filepath.Join(src, "measurements.csv"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString("hs-graduation-4yr,2019,Test,Tiny group,60,3,5,,\n")
	if cerr := f.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
	db := filepath.Join(dir, "small.db")
	if _, _, err := run("seed", "--db", db, filepath.Join(dir, "seed")); err != nil {
		t.Fatalf("seed: %v", err)
	}
	tests := []struct {
		name string
		args []string
		want []string // value, numerator, denominator of the tiny group
	}{
		{"public", nil, []string{"suppressed", "", ""}},
		{"small cells", []string{"--include-small-cells"}, []string{"60", "3", "5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := run(append([]string{"export", "--db", db, "--partnership", exportSlug}, tt.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(recs, func(r []string) bool { return r[3] == "Tiny group" })
			if i < 0 {
				t.Fatal("the tiny group's row is missing")
			}
			if got := recs[i][4:7]; !slices.Equal(got, tt.want) {
				t.Errorf("value, numerator, denominator = %q, want %q", got, tt.want)
			}
		})
	}
}
