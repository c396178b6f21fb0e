package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/impactboard/impactboard"
	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/seed"
	"github.com/impactboard/impactboard/pkg/store"
)

// Figures in these files are made up for the tests; they are not data.

const importSlug = "anchorage-90-by-2020"

// importDB is a SQLite file holding the sample partnerships.
func importDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "import.db")
	if _, _, err := run("seed", "--db", db); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return db
}

// dbState is everything the sample partnerships hold, with their audit
// logs, as JSON: what an import that fails must leave as it was.
func dbState(t *testing.T, dsn string) string {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var parts []any
	for _, slug := range []string{"anchorage-90-by-2020", "better-together-central-oregon"} {
		b, err := db.Bundle(context.Background(), slug)
		if err != nil {
			t.Fatal(err)
		}
		audit, err := db.Audit(context.Background(), slug, "", "")
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, b, audit)
	}
	out, err := json.Marshal(parts)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func lines(ls ...string) []byte { return []byte(strings.Join(ls, "\n") + "\n") }

// TestImportRefusesBadFiles runs hostile files through the command, with
// and without --dry-run: each fails with its message and leaves the
// database exactly as it was.
func TestImportRefusesBadFiles(t *testing.T) {
	manyRows := []string{"indicator,year,dimension,group,value"}
	for i := range 2000 {
		manyRows = append(manyRows, fmt.Sprintf("dropout-rate,%d,School,S%d,1", 1900+i%200, i/200))
	}
	manyRows = append(manyRows, "dropout-rate,2019,School,S0,NaN")
	cases := []struct {
		name, file string
		data       func(t *testing.T) []byte
		want       string
	}{
		{"unknown indicator", "a.csv", fixed(lines("indicator,year,value", "hs_grad_4yr,2019,85")), `row 2, column indicator: unknown indicator "hs_grad_4yr"`},
		{"percent 120", "a.csv", fixed(lines("indicator,year,value", "hs-graduation-4yr,2019,120")), "row 2, column value: 120% is outside 0..100"},
		{"duplicate rows", "a.csv", fixed(lines("indicator,year,value", "hs-graduation-4yr,2030,85", "hs-graduation-4yr,2030,86")), "row 3: duplicate of row 2"},
		{"Latin-1 note", "a.csv", fixed(append([]byte("indicator,year,value,note\nhs-graduation-4yr,2030,85,caf"), 0xE9, '\n')), "row 2, column note: is not valid UTF-8 text"},
		{"NaN", "a.csv", fixed(lines("indicator,year,value", "hs-graduation-4yr,2030,NaN")), `row 2, column value: "NaN" is not a finite number`},
		{"header only", "a.csv", fixed(lines("indicator,year,value")), "the file has no data rows"},
		{"missing column", "a.csv", fixed(lines("indicator,value", "hs-graduation-4yr,85")), `row 1, column year: the required column "year" is missing`},
		{"bad last row of many", "a.csv", fixed(lines(manyRows...)), `row 2002, column value: "NaN" is not a finite number`},
		{"not a zip", "a.xlsx", fixed(lines("indicator,year,value")), "is not an XLSX workbook (it is not a zip archive)"},
		{"zip bomb", "a.xlsx", zipBombFile, "unpacks to more than 256 MB (a zip bomb?)"},
	}
	db := importDB(t)
	before := dbState(t, db)
	for _, c := range cases {
		path := writeTemp(t, c.file, c.data(t))
		for _, mode := range [][]string{nil, {"--dry-run"}} {
			t.Run(c.name+strings.Join(mode, ""), func(t *testing.T) {
				stdout, stderr, err := run(append([]string{"import", "--db", db, "--partnership", importSlug, path}, mode...)...)
				if err == nil || domain.ErrorCode(err) != domain.EINVALID {
					t.Fatalf("error = %v, want an invalid-input error", err)
				}
				if all := stdout + stderr + err.Error(); !strings.Contains(all, c.want) {
					t.Errorf("output %q, want %q", all, c.want)
				}
				if dbState(t, db) != before {
					t.Errorf("the database changed")
				}
			})
		}
	}
}

func fixed(b []byte) func(*testing.T) []byte { return func(*testing.T) []byte { return b } }

// zipBombFile is a small zip whose one entry unpacks to 300 MB of zeros.
func zipBombFile(t *testing.T) []byte {
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

// TestImportRefusesLargeFile checks a 60 MB file is refused by its size
// before it is read, and that --max-bytes lowers the limit.
func TestImportRefusesLargeFile(t *testing.T) {
	db := importDB(t)
	before := dbState(t, db)
	big := writeTemp(t, "big.csv", lines("indicator,year,value"))
	if err := os.Truncate(big, 60<<20); err != nil {
		t.Fatal(err)
	}
	small := writeTemp(t, "small.csv", lines("indicator,year,value", "hs-graduation-4yr,2030,85"))
	cases := []struct {
		args []string
		want string
	}{
		{[]string{big}, "big.csv: the file is 60 MB, larger than the import limit of 50 MB; split it into smaller files (--max-bytes raises the limit)"},
		{[]string{"--max-bytes", "20", small}, "small.csv: the file is 47 bytes, larger than the import limit of 20 bytes"},
	}
	for _, c := range cases {
		_, _, err := run(append([]string{"import", "--db", db, "--partnership", importSlug}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.args, err, c.want)
		}
	}
	if dbState(t, db) != before {
		t.Errorf("the database changed")
	}
}

// TestImportDryRunThenApply checks the dry run lists the changes and writes
// nothing, the import writes them, and importing again changes nothing.
func TestImportDryRunThenApply(t *testing.T) {
	db := importDB(t)
	before := dbState(t, db)
	file := writeTemp(t, "figures.csv", lines("Indicator;Year;Value", "hs-graduation-4yr;2011;73", "hs-graduation-4yr;2030;91"))
	args := []string{"import", "--db", db, "--partnership", importSlug, file}
	stdout, _, err := run(append(args, "--dry-run")...)
	if err != nil {
		t.Fatalf("dry run: %v", err)
	}
	for _, want := range []string{"1 to add, 1 to change, 0 unchanged.", "  row 2: hs-graduation-4yr 2011 (all): 72 -> 73\n",
		"  row 3: hs-graduation-4yr 2030 (all): new 91\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("dry run printed %q, want %q", stdout, want)
		}
	}
	if dbState(t, db) != before {
		t.Fatalf("the dry run changed the database")
	}
	for i, want := range []string{"1 figures added, 1 changed, 0 unchanged", "0 figures added, 0 changed, 2 unchanged"} {
		stdout, _, err := run(args...)
		if err != nil || !strings.Contains(stdout, want) {
			t.Errorf("import %d: %q, %v; want %q", i+1, stdout, err, want)
		}
	}
	checkImported(t, db)
}

// checkImported checks the changed figure kept its note and source (the
// file had no such columns) and was recorded as entered by the import.
func checkImported(t *testing.T, dsn string) {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b, err := db.Bundle(context.Background(), importSlug)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range b.Measurements {
		if m.Indicator == "hs-graduation-4yr" && m.Year == 2011 && m.AllGroups() {
			if m.Value != 73 || m.Note == "" || m.Source == "" || m.EnteredBy != "import" || m.Status != domain.StatusApproved {
				t.Errorf("imported figure = %+v, want 73 with its note and source, approved, entered by import", m)
			}
			return
		}
	}
	t.Errorf("figure hs-graduation-4yr 2011 not found")
}

// TestImportReproducesSeed imports each sample partnership's
// measurements.csv into a copy of the partnership without figures, and
// checks it holds exactly the sample's figures.
func TestImportReproducesSeed(t *testing.T) {
	bundles, err := seed.Load(impactboard.SeedFS())
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bundles {
		t.Run(b.Partnership.Slug, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "empty.db")
			saveWithoutFigures(t, dsn, b)
			data, err := fs.ReadFile(impactboard.SeedFS(), b.Partnership.Slug+"/"+seed.MeasurementsFile)
			if err != nil {
				t.Fatal(err)
			}
			file := writeTemp(t, seed.MeasurementsFile, data)
			args := []string{"import", "--db", dsn, "--partnership", b.Partnership.Slug, "--actor", seed.SeedUser, file}
			want := fmt.Sprintf("%d figures added, 0 changed, 0 unchanged", len(b.Measurements))
			if stdout, _, err := run(args...); err != nil || !strings.Contains(stdout, want) {
				t.Fatalf("import: %q, %v; want %q", stdout, err, want)
			}
			checkSameFigures(t, storedFigures(t, dsn, b.Partnership.Slug), b.Measurements)
			want = fmt.Sprintf("0 figures added, 0 changed, %d unchanged", len(b.Measurements))
			if stdout, _, err := run(args...); err != nil || !strings.Contains(stdout, want) {
				t.Errorf("import again: %q, %v; want %q", stdout, err, want)
			}
		})
	}
}

func saveWithoutFigures(t *testing.T, dsn string, b *domain.Bundle) {
	t.Helper()
	empty := *b
	empty.Measurements = nil
	db, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SaveBundle(context.Background(), &empty, seed.SeedUser); err != nil {
		t.Fatal(err)
	}
}

func storedFigures(t *testing.T, dsn, slug string) []domain.Measurement {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b, err := db.Bundle(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return b.Measurements
}

// checkSameFigures compares figures by key, all fields but the row ID and
// the entry time, which the import sets.
func checkSameFigures(t *testing.T, got, want []domain.Measurement) {
	t.Helper()
	norm := func(ms []domain.Measurement) map[string]string {
		out := map[string]string{}
		for _, m := range ms {
			m.ID, m.EnteredAt = 0, time.Time{}
			js, _ := json.Marshal(m)
			out[domain.MeasurementKey(m)] = string(js)
		}
		return out
	}
	g, w := norm(got), norm(want)
	if len(g) != len(w) {
		t.Errorf("%d figures, want %d", len(g), len(w))
	}
	for k, wv := range w {
		if g[k] != wv {
			t.Errorf("figure %s:\n got %s\nwant %s", k, g[k], wv)
		}
	}
}

// TestImportReadsExport checks what "impactboard export" writes imports
// back without a change.
func TestImportReadsExport(t *testing.T) {
	db := importDB(t)
	file := filepath.Join(t.TempDir(), "export.csv")
	if _, _, err := run("export", "--db", db, "--partnership", importSlug, "--include-small-cells", "--output", file); err != nil {
		t.Fatalf("export: %v", err)
	}
	stdout, _, err := run("import", "--db", db, "--partnership", importSlug, file)
	if err != nil || !strings.Contains(stdout, ": 0 figures added, 0 changed, ") {
		t.Errorf("import of the export: %q, %v; want no change", stdout, err)
	}
}

func TestImportArguments(t *testing.T) {
	db := importDB(t)
	file := writeTemp(t, "a.csv", lines("indicator,year,value", "hs-graduation-4yr,2030,91"))
	cases := []struct {
		args []string
		code string
		want string
	}{
		{[]string{file}, domain.EINVALID, "--partnership is required"},
		{[]string{"--partnership", importSlug}, domain.EINVALID, "import takes one file, got 0"},
		{[]string{"--partnership", importSlug, file, file}, domain.EINVALID, "import takes one file, got 2"},
		{[]string{"--partnership", importSlug, file + ".missing"}, domain.ENOTFOUND, "not found"},
		{[]string{"--partnership", "nope", file}, domain.ENOTFOUND, `partnership "nope" not found`},
		{[]string{"--partnership", importSlug, file, "--dry-run"}, "", "Dry run:"}, // flags after the file
	}
	for _, c := range cases {
		stdout, _, err := run(append([]string{"import", "--db", db}, c.args...)...)
		if got := domain.ErrorCode(err); got != c.code {
			t.Errorf("%v: code %q (%v), want %q", c.args, got, err, c.code)
		}
		if out := stdout + domain.ErrorMessage(err); !strings.Contains(out, c.want) {
			t.Errorf("%v: %q, want %q", c.args, out, c.want)
		}
	}
}

// TestImportDryRunListsFifty checks a long dry run lists 50 changes and
// counts the rest.
func TestImportDryRunListsFifty(t *testing.T) {
	db := importDB(t)
	rows := []string{"indicator,year,dimension,group,value"}
	for i := range 60 {
		rows = append(rows, fmt.Sprintf("dropout-rate,2019,School,S%d,1", i))
	}
	stdout, _, err := run("import", "--dry-run", "--db", db, "--partnership", importSlug, writeTemp(t, "a.csv", lines(rows...)))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(stdout, "\n  row "); got != 50 || !strings.Contains(stdout, "\n  ... and 10 more\n") {
		t.Errorf("dry run listed %d changes:\n%s\nwant 50 and \"... and 10 more\"", got, stdout)
	}
}

// TestProgressBar checks what the bar draws on a terminal, and that it
// stays silent elsewhere.
func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	bar := &progressBar{w: &buf, on: true}
	bar.start("checking", 1000, 0)
	bar.update(12345, 500)
	bar.done()
	if got, want := buf.String(), "\rchecking       12,345 rows  50% [###############               ]\r\033[K"; got != want {
		t.Errorf("bar drew %q, want %q", got, want)
	}
	if newProgressBar(&buf).on {
		t.Errorf("the bar is on for a buffer, want it only on a terminal")
	}
}
