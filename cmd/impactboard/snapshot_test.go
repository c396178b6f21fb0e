package main

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

var snapshotCreated = regexp.MustCompile(`snapshot ([0-9a-f]{32}) of anchorage-90-by-2020 created\nsha256 ([0-9a-f]{64})\n`)

func createSnapshot(t *testing.T, db string, args ...string) (id, sum string) {
	t.Helper()
	out, _, err := run(append([]string{"snapshot", "create", "--db", db, "--partnership", exportSlug}, args...)...)
	if err != nil {
		t.Fatalf("snapshot create: %v", err)
	}
	m := snapshotCreated.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("snapshot create printed %q", out)
	}
	return m[1], m[2]
}

func snapshotExport(t *testing.T, db, id, format string) []byte {
	t.Helper()
	out, _, err := run("snapshot", "export", "--db", db, "--id", id, "--format", format)
	if err != nil {
		t.Fatalf("snapshot export %s: %v", format, err)
	}
	return []byte(out)
}

// setGraduation2019 changes an approved figure of the sample, as an editor would.
func setGraduation2019(t *testing.T, dsn string, v float64) {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := domain.Measurement{Year: 2019, Value: v, Status: domain.StatusApproved, Source: "https://example.org/correction"}
	if _, err := db.SaveMeasurements(context.Background(), exportSlug, "hs-graduation-4yr", []domain.Measurement{m}, "editor@example.org", "correction"); err != nil {
		t.Fatal(err)
	}
}

func TestSnapshotCommands(t *testing.T) {
	db := exportDB(t)
	id, sum := createSnapshot(t, db, "--title", "March 2026 board packet", "--note", "For the board")
	out, _, err := run("snapshot", "list", "--db", db, "--partnership", exportSlug)
	if err != nil || !strings.Contains(out, id) || !strings.Contains(out, "March 2026 board packet") || !strings.Contains(out, sum) {
		t.Errorf("snapshot list = %q, %v; want the snapshot with its checksum", out, err)
	}
	doc := snapshotExport(t, db, id, "json")
	if got := sha256.Sum256(doc); hex.EncodeToString(got[:]) != sum {
		t.Error("the JSON export's SHA-256 is not the snapshot's checksum")
	}
	html := snapshotExport(t, db, id, "html")
	if !bytes.Contains(html, []byte(sum)) || !bytes.Contains(html, []byte("by command line")) || !bytes.Contains(html, []byte("<script>")) {
		t.Error("the HTML export lacks its checksum, author or inline scripts")
	}
	path := filepath.Join(t.TempDir(), "snap.xlsx")
	if _, _, err := run("snapshot", "export", "--db", db, "--id", id, "--format", "xlsx", "--out", path); err != nil {
		t.Fatal(err)
	}
	if _, err := zip.OpenReader(path); err != nil {
		t.Errorf("XLSX export: %v", err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("XLSX export mode %v, %v; want 0600 (small cells)", fi.Mode().Perm(), err)
	}
}

// A snapshot made before an edit still shows the old value after it.
func TestSnapshotKeepsOldValueAfterEdit(t *testing.T) {
	db := exportDB(t)
	id, sum := createSnapshot(t, db, "--title", "Before the correction")
	before := map[string][]byte{}
	for _, f := range []string{"json", "csv", "html"} {
		before[f] = snapshotExport(t, db, id, f)
	}
	setGraduation2019(t, db, 85.5)
	live, _, err := run("export", "--db", db, "--partnership", exportSlug)
	if err != nil || !strings.Contains(live, "hs-graduation-4yr,2019,,,85.5") {
		t.Fatalf("live export after the edit lacks 85.5 (%v)", err)
	}
	for f, old := range before {
		now := snapshotExport(t, db, id, f)
		if !bytes.Equal(now, old) {
			t.Errorf("%s export changed after the edit", f)
		}
		if bytes.Contains(now, []byte("85.5")) {
			t.Errorf("%s export shows the new value", f)
		}
	}
	if !strings.Contains(string(snapshotExport(t, db, id, "csv")), "hs-graduation-4yr,2019,,,84,") {
		t.Error("the snapshot CSV lost the old value 84")
	}
	if got := sha256.Sum256(snapshotExport(t, db, id, "json")); hex.EncodeToString(got[:]) != sum {
		t.Error("the stored content no longer matches its checksum")
	}
}

func TestSnapshotCommandErrors(t *testing.T) {
	db := exportDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"snapshot"}, "needs a subcommand"},
		{[]string{"snapshot", "edit"}, "unknown snapshot subcommand"},
		{[]string{"snapshot", "create", "--db", db, "--partnership", exportSlug}, "--title"},
		{[]string{"snapshot", "create", "--db", db, "--partnership", "nope", "--title", "T"}, "not found"},
		{[]string{"snapshot", "create", "--db", db, "--partnership", exportSlug, "--title", "T", "--by", "nobody@example.org"}, "nobody@example.org"},
		{[]string{"snapshot", "export", "--db", db, "--id", "ffffffffffffffffffffffffffffffff"}, "not found"},
		{[]string{"snapshot", "export", "--db", db, "--id", "x", "--format", "pdf"}, "--format"},
	} {
		_, _, err := run(tc.args...)
		if err == nil || !strings.Contains(domain.ErrorMessage(err), tc.want) {
			t.Errorf("%q: %v, want an error mentioning %q", tc.args, err, tc.want)
		}
	}
}
