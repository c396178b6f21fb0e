package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/impactboard/impactboard"
	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/seed"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/tidy"
	"github.com/impactboard/impactboard/pkg/tidy/tidytest"
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
// database exactly as it was, both as the store reads it (figures and
// audit logs) and byte for byte in every table. Files a spreadsheet may
// legitimately save (BOM, CRLF, semicolons) carry a bad row here, so that
// the message's row and column show they were read right; that they
// import is TestImportAcceptsAwkwardFiles.
func TestImportRefusesBadFiles(t *testing.T) {
	db := importDB(t)
	before, tables := dbState(t, db), tableChecksum(t, db)
	for _, c := range hostileFiles() {
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
				if dbState(t, db) != before || tableChecksum(t, db) != tables {
					t.Errorf("the database changed")
				}
			})
		}
	}
}

type hostileFile struct {
	name, file string
	data       func(testing.TB) []byte
	want       string
}

// hostileFiles are the malformed and hostile inputs of issue 5, each with
// the message it must give.
func hostileFiles() []hostileFile {
	manyRows := []string{"indicator,year,dimension,group,value"}
	for i := range 2000 {
		manyRows = append(manyRows, fmt.Sprintf("dropout-rate,%d,School,S%d,1", 1900+i%200, i/200))
	}
	manyRows = append(manyRows, "dropout-rate,2019,School,S0,NaN")
	one := func(value string) func(testing.TB) []byte {
		return fixed(lines("indicator,year,value", "hs-graduation-4yr,2030,"+value))
	}
	year := func(y string) func(testing.TB) []byte {
		return fixed(lines("indicator,year,value", "hs-graduation-4yr,"+y+",85"))
	}
	return []hostileFile{
		{"non-numeric value", "a.csv", one("eighty"), `row 2, column value: "eighty" is not a number`},
		{"N/A", "a.csv", one("N/A"), `row 2, column value: "N/A" is not a number; leave out rows that have no figure`},
		{"empty value", "a.csv", one(""), "row 2, column value: a number is required"},
		{"percent 120", "a.csv", one("120"), "row 2, column value: 120% is outside 0..100"},
		{"percent sign", "a.csv", one("84.5%"), "row 2, column value: "},
		{"hex float", "a.csv", one("0x1p4"), `row 2, column value: "0x1p4" is not a number`},
		{"1e309", "a.csv", one("1e309"), `row 2, column value: "1e309" is not a finite number`},
		{"NaN", "a.csv", one("NaN"), `row 2, column value: "NaN" is not a finite number`},
		{"Inf", "a.csv", one("-Inf"), `row 2, column value: "-Inf" is not a finite number`},
		{"formula cell", "a.csv", one("=1+1"), `row 2, column value: "=1+1" is a formula, not a number`},
		{"year 0", "a.csv", year("0"), "row 2, column year: year 0 is outside 1900..2100"},
		{"year 99999", "a.csv", year("99999"), "row 2, column year: year 99999 is outside 1900..2100"},
		{"empty file", "a.csv", fixed(nil), "the file has no data rows"},
		{"header only", "a.csv", fixed(lines("indicator,year,value")), "the file has no data rows"},
		{"missing column", "a.csv", fixed(lines("indicator,value", "hs-graduation-4yr,85")), `row 1, column year: the required column "year" is missing`},
		{"unknown indicator", "a.csv", fixed(lines("indicator,year,value", "hs_grad_4yr,2019,85")), `row 2, column indicator: unknown indicator "hs_grad_4yr"`},
		{"duplicate rows", "a.csv", fixed(lines("indicator,year,value", "hs-graduation-4yr,2030,85", "hs-graduation-4yr,2030,86")), "row 3: duplicate of row 2"},
		{"bad status", "a.csv", fixed(lines("indicator,year,value,status", "hs-graduation-4yr,2030,85,done")), `row 2, column status: "done" is not a status`},
		{"script link as source", "a.csv", fixed(lines("indicator,year,value,source", "hs-graduation-4yr,2030,85,javascript:alert(1)")), "row 2, column source: "},
		{"BOM with a bad value", "a.csv", fixed(append([]byte("\xEF\xBB\xBF"), lines("indicator,year,value", "hs-graduation-4yr,2030,x")...)), `row 2, column value: "x" is not a number`},
		{"CRLF with a bad row 3", "a.csv", fixed([]byte("indicator,year,value\r\nhs-graduation-4yr,2030,85\r\nhs-graduation-4yr,2031,x\r\n")), `row 3, column value: "x" is not a number`},
		{"semicolons with a decimal comma", "a.csv", fixed(lines("indicator;year;value", "hs-graduation-4yr;2030;84,5")), `row 2, column value: "84,5" has a decimal comma; use a decimal point (84.5)`},
		{"Latin-1 note", "a.csv", fixed(append([]byte("indicator,year,value,note\nhs-graduation-4yr,2030,85,caf"), 0xE9, '\n')), "row 2, column note: is not valid UTF-8 text"},
		{"control character in a note", "a.csv", fixed(lines("indicator,year,value,note", "hs-graduation-4yr,2030,85,a\x00b")), "row 2, column note: contains the control character U+0000"},
		{"bad row after a two-line note", "a.csv", fixed(lines("indicator,year,value,note", `hs-graduation-4yr,2030,85,"two`, `lines"`, "hs-graduation-4yr,2031,x,")),
			`row 3, column value: "x" is not a number`},
		{"UTF-16", "a.csv", fixed([]byte{0xFF, 0xFE, 'i', 0, 'n', 0}), "the file is UTF-16 text"},
		{"bad last row of many", "a.csv", fixed(lines(manyRows...)), `row 2002, column value: "NaN" is not a finite number`},
		{"60 MB file", "big.csv", sixtyMB, "the file is 60 MB, larger than the import limit of 50 MB"},
		{"old .xls", "a.xls", fixed([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}), "old-style Excel workbook"},
		{"not a zip", "a.xlsx", fixed(lines("indicator,year,value")), "is not an XLSX workbook (it is not a zip archive)"},
		{"zip bomb", "a.xlsx", tidytest.ZipBomb, "unpacks to more than 256 MB (a zip bomb?)"},
		{"zip bomb declaring 1000 bytes", "a.xlsx", tidytest.LyingBomb, "the workbook cannot be read: xl/worksheets/sheet1.xml unpacks to more than the 1000 bytes it declares (a zip bomb?)"},
		{"xlsx formula cell", "a.xlsx", formulaWorkbook, "row 2, column value: a number is required"},
	}
}

// tableChecksum is a SHA-256 of every row of every table of the SQLite
// file, read with plain SQL: a check of what is stored that does not go
// through the store's own reading.
func tableChecksum(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var names []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "table %s\n", n)
		hashTable(t, db, n, h)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func hashTable(t *testing.T, db *sql.DB, table string, h io.Writer) {
	t.Helper()
	rows, err := db.Query(`SELECT * FROM "` + table + `"`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%q", vals))
	}
	sort.Strings(lines) // row order is not part of what is stored
	for _, l := range lines {
		fmt.Fprintln(h, l)
	}
}

func fixed(b []byte) func(testing.TB) []byte { return func(testing.TB) []byte { return b } }

// formulaWorkbook has a formula without a saved result as its value.
func formulaWorkbook(t testing.TB) []byte {
	return tidytest.XLSXOf(t, []any{"indicator", "year", "value"}, []any{"hs-graduation-4yr", 2030, "=1+1"})
}

// sixtyMB is a CSV file of 60 MB: a header and zero bytes, refused by its
// size before a byte is parsed.
func sixtyMB(testing.TB) []byte {
	b := make([]byte, 60<<20)
	copy(b, "indicator,year,value\n")
	return b
}

// TestImportAcceptsAwkwardFiles: what a spreadsheet may save imports, and
// a script tag in a note is stored as the text it is (pages escape it).
func TestImportAcceptsAwkwardFiles(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		note string
	}{
		{"BOM", append([]byte("\xEF\xBB\xBF"), lines("indicator,year,value,note", "hs-graduation-4yr,2030,91,n")...), "n"},
		{"CRLF", []byte("indicator,year,value,note\r\nhs-graduation-4yr,2030,91,n\r\n"), "n"},
		{"semicolons", lines("indicator;year;value;note", "hs-graduation-4yr;2030;91;n"), "n"},
		{"script tag in a note", lines("indicator,year,value,note", `hs-graduation-4yr,2030,91,"<script>alert(""x"")</script>"`), `<script>alert("x")</script>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := importDB(t)
			before := tableChecksum(t, db)
			stdout, _, err := run("import", "--db", db, "--partnership", importSlug, writeTemp(t, "a.csv", c.data))
			if err != nil || !strings.Contains(stdout, "1 added, 0 changed") {
				t.Fatalf("import: %q, %v; want 1 added", stdout, err)
			}
			if tableChecksum(t, db) == before { // the checksum TestImportRefusesBadFiles relies on sees imports
				t.Errorf("the table checksum did not change with the import")
			}
			for _, m := range storedFigures(t, db, importSlug) {
				if m.Indicator == "hs-graduation-4yr" && m.Year == 2030 && (m.Value != 91 || m.Note != c.note) {
					t.Errorf("stored %v with note %q, want 91 with %q", m.Value, m.Note, c.note)
				}
			}
		})
	}
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
	for i, want := range []string{"1 added, 1 changed, 0 unchanged", "0 added, 0 changed, 2 unchanged"} {
		stdout, _, err := run(args...)
		if err != nil || !strings.Contains(stdout, want) {
			t.Errorf("import %d: %q, %v; want %q", i+1, stdout, err, want)
		}
	}
	checkImported(t, db)
}

// fingerprintLine finds the fingerprint a dry run prints.
var fingerprintLine = regexp.MustCompile(`(?m)^Fingerprint: ([0-9a-f]{64})$`)

// TestImportExpect: a dry run prints its fingerprint and the command that
// applies it; that command is refused, writing nothing, once a figure the
// file touches was changed, and works with the fingerprint of a dry run
// after the change.
func TestImportExpect(t *testing.T) {
	db := importDB(t)
	file := writeTemp(t, "figures.csv", lines("indicator,year,value", "hs-graduation-4yr,2011,73", "hs-graduation-4yr,2030,91"))
	dryRun := func() string {
		t.Helper()
		stdout, _, err := run("import", "--db", db, "--partnership", importSlug, "--dry-run", file)
		m := fingerprintLine.FindStringSubmatch(stdout)
		if err != nil || m == nil {
			t.Fatalf("dry run: %v; printed %q, want a fingerprint", err, stdout)
		}
		if want := "  impactboard import --db " + db + " --partnership " + importSlug + " --expect " + m[1] + " " + file + "\n"; !strings.Contains(stdout, want) {
			t.Errorf("dry run printed %q, want the command %q", stdout, want)
		}
		return m[1]
	}
	first := dryRun()

	// Someone else imports 2011 as 72.5 in between.
	other := writeTemp(t, "other.csv", lines("indicator,year,value", "hs-graduation-4yr,2011,72.5"))
	if _, _, err := run("import", "--db", db, "--partnership", importSlug, "--actor", "someone-else", other); err != nil {
		t.Fatal(err)
	}
	before := dbState(t, db)
	stdout, _, err := run("import", "--db", db, "--partnership", importSlug, "--expect", first, file)
	if domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(domain.ErrorMessage(err), "changed since the dry run") ||
		!strings.Contains(domain.ErrorMessage(err), "nothing was imported") {
		t.Fatalf("apply the stale dry run: %q, %v; want a conflict saying the data changed since the dry run", stdout, err)
	}
	if dbState(t, db) != before {
		t.Fatal("the refused import changed the database")
	}

	second := dryRun()
	if second == first {
		t.Fatal("the fingerprint did not change with the figure")
	}
	stdout, _, err = run("import", "--db", db, "--partnership", importSlug, "--expect", second, file)
	if want := "1 added, 1 changed, 0 unchanged"; err != nil || !strings.Contains(stdout, want) {
		t.Fatalf("apply the new dry run: %q, %v; want %q", stdout, err, want)
	}
	checkImported(t, db)
}

// TestApplyCommand: the printed command carries the flags that matter,
// quoted for a shell, and hides a database password.
func TestApplyCommand(t *testing.T) {
	t.Setenv("IMPACTBOARD_DB", "")
	fp := strings.Repeat("ab", 32)
	base := importConfig{DB: defaultDB, Partnership: importSlug, Actor: defaultActor, MaxBytes: tidy.DefaultMaxBytes, File: "figures.csv"}
	for _, tc := range []struct {
		name string
		edit func(*importConfig)
		want string
	}{
		{"defaults", func(*importConfig) {}, "impactboard import --partnership " + importSlug + " --expect " + fp + " figures.csv"},
		{"flags that change the import", func(c *importConfig) {
			c.DB, c.Actor, c.MaxBytes, c.File = "/tmp/x.db", "ann lee", 100, "my figures's.csv"
		}, "impactboard import --db /tmp/x.db --partnership " + importSlug + " --actor 'ann lee' --max-bytes 100 --expect " + fp + ` 'my figures'\''s.csv'`},
		{"a password", func(c *importConfig) { c.DB = "postgres://ib:secret@db:5432/ib" },
			"impactboard import --db postgres://ib:xxxxx@db:5432/ib --partnership " + importSlug + " --expect " + fp + " figures.csv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			tc.edit(&c)
			if got := applyCommand(c, fp); got != tc.want {
				t.Errorf("applyCommand = %q,\nwant %q", got, tc.want)
			}
		})
	}
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
			want := fmt.Sprintf("%d added, 0 changed, 0 unchanged", len(b.Measurements))
			if stdout, _, err := run(args...); err != nil || !strings.Contains(stdout, want) {
				t.Fatalf("import: %q, %v; want %q", stdout, err, want)
			}
			checkSameFigures(t, storedFigures(t, dsn, b.Partnership.Slug), b.Measurements)
			want = fmt.Sprintf("0 added, 0 changed, %d unchanged", len(b.Measurements))
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
	if err != nil || !strings.Contains(stdout, ": 0 added, 0 changed, ") {
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
		{[]string{"--partnership", importSlug, "--expect", "abc123", file}, domain.EINVALID, `--expect: "abc123" is not a fingerprint`},
		{[]string{"--partnership", importSlug, "--dry-run", "--expect", strings.Repeat("0", 64), file}, domain.EINVALID, "leave out --dry-run"},
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
