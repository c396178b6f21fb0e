package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

const cliPassword = "correct horse battery staple"

// seededDB returns the path of a database holding the sample partnerships.
func seededDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "users.db")
	if _, _, err := run("seed", "--db", db); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return db
}

// withStdin makes --password-stdin read r for the rest of the test.
func withStdin(t *testing.T, r io.Reader) {
	old := stdin
	stdin = r
	t.Cleanup(func() { stdin = old })
}

func openStore(t *testing.T, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestUserAdd(t *testing.T) {
	dsn := seededDB(t)
	t.Setenv("IMPACTBOARD_PASSWORD", cliPassword)
	out, _, err := run("user", "add", "--db", dsn, "--email", "Admin@Example.org", "--name", "First Admin", "--role", "admin",
		"--partnership", "anchorage-90-by-2020")
	if err != nil || !strings.Contains(out, "created user admin@example.org: admin in anchorage-90-by-2020") {
		t.Fatalf("add: %q %v", out, err)
	}
	t.Setenv("IMPACTBOARD_PASSWORD", "")
	withStdin(t, strings.NewReader("this one is never used\n"))
	// An existing account only gets the role: no password is read or set.
	out, _, err = run("user", "add", "--db", dsn, "--email", "admin@example.org", "--role", "viewer",
		"--partnership", "better-together-central-oregon", "--password-stdin")
	if err != nil || !strings.Contains(out, "existing user admin@example.org (password unchanged): viewer") {
		t.Fatalf("add to a second partnership: %q %v", out, err)
	}
	db := openStore(t, dsn)
	u, err := db.Authenticate(context.Background(), "admin@example.org", cliPassword)
	if err != nil || u.Name != "First Admin" {
		t.Fatalf("sign in with the password from IMPACTBOARD_PASSWORD: %+v %v", u, err)
	}
	if ms, _ := db.Memberships(context.Background(), u.ID); len(ms) != 2 {
		t.Errorf("memberships = %+v, want two", ms)
	}
	out, _, err = run("user", "list", "--db", dsn, "--partnership", "anchorage-90-by-2020")
	if err != nil || !strings.Contains(out, "admin@example.org") || !strings.Contains(out, "First Admin") {
		t.Errorf("list: %q %v", out, err)
	}
}

func TestUserPasswordFromStdinAndPasswd(t *testing.T) {
	dsn := seededDB(t)
	t.Setenv("IMPACTBOARD_PASSWORD", "")
	withStdin(t, strings.NewReader(cliPassword+"\r\n"))
	if _, _, err := run("user", "add", "--db", dsn, "--email", "steward@example.org", "--role", "contributor",
		"--partnership", "anchorage-90-by-2020", "--partner", "anchorage-school-district", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	withStdin(t, strings.NewReader("a completely new passphrase\n"))
	out, _, err := run("user", "passwd", "--db", dsn, "--email", "steward@example.org", "--password-stdin")
	if err != nil || !strings.Contains(out, "sessions have ended") {
		t.Fatalf("passwd: %q %v", out, err)
	}
	db := openStore(t, dsn)
	if _, err := db.Authenticate(context.Background(), "steward@example.org", "a completely new passphrase"); err != nil {
		t.Errorf("new password refused: %v", err)
	}
	if _, err := db.Authenticate(context.Background(), "steward@example.org", cliPassword); err == nil {
		t.Error("old password still works")
	}
}

func TestUserErrors(t *testing.T) {
	dsn := seededDB(t)
	t.Setenv("IMPACTBOARD_PASSWORD", "")
	withStdin(t, strings.NewReader(""))
	add := []string{"user", "add", "--db", dsn, "--email", "x@example.org", "--partnership", "anchorage-90-by-2020"}
	tests := []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"no subcommand", []string{"user"}, "", "subcommand"},
		{"unknown subcommand", []string{"user", "delete"}, "", "delete"},
		{"missing email", []string{"user", "add", "--db", dsn, "--role", "admin", "--partnership", "anchorage-90-by-2020"}, cliPassword, "--email"},
		{"unknown role", append(add, "--role", "owner"), cliPassword, "owner"},
		{"contributor without partner", append(add, "--role", "contributor"), cliPassword, "anchorage-school-district"},
		{"partner for a viewer", append(add, "--role", "viewer", "--partner", "anchorage-school-district"), cliPassword, "only for a contributor"},
		{"unknown partnership", []string{"user", "add", "--db", dsn, "--email", "x@example.org", "--role", "admin", "--partnership", "nowhere"}, cliPassword, "nowhere"},
		{"short password", append(add, "--role", "admin"), "short", "at least 12"},
		{"no password at all", append(add, "--role", "admin"), "", "IMPACTBOARD_PASSWORD"},
		{"passwd of nobody", []string{"user", "passwd", "--db", dsn, "--email", "nobody@example.org"}, cliPassword, "nobody@example.org"},
		{"list without partnership", []string{"user", "list", "--db", dsn}, "", "--partnership"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("IMPACTBOARD_PASSWORD", tt.env)
			_, _, err := run(tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
	if _, err := openStore(t, dsn).UserByEmail(context.Background(), "x@example.org"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("a failed add left an account behind (err %v)", err)
	}
}

func TestFirstAdminHint(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "fresh.db")
	out, _, err := run("seed", "--db", dsn)
	if err != nil || !strings.Contains(out, "impactboard user add --db "+dsn+" --email you@example.org --role admin --partnership ") {
		t.Fatalf("first seed: %q %v", out, err)
	}
	if out, _, _ := run("seed", "--db", dsn); strings.Contains(out, "user add") {
		t.Errorf("second seed repeats the hint: %q", out)
	}

	served := filepath.Join(t.TempDir(), "served.db")
	db := openStore(t, served)
	var buf bytes.Buffer
	cfg := serveConfig{DB: served}
	if err := loadSample(context.Background(), db, cfg, slog.New(slog.DiscardHandler), &buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "--role admin --partnership anchorage-90-by-2020") {
		t.Errorf("serve on an empty database printed %q, want the command for the first admin", buf.String())
	}
}
