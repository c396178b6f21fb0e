package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

func TestTokenCommands(t *testing.T) {
	dsn := seededDB(t)
	t.Setenv("IMPACTBOARD_PASSWORD", cliPassword)
	if _, _, err := run("user", "add", "--db", dsn, "--email", "script@example.org", "--role", "editor", "--partnership", "anchorage-90-by-2020"); err != nil {
		t.Fatal(err)
	}
	out, info, err := run("token", "create", "--db", dsn, "--email", "script@example.org", "--partnership", "anchorage-90-by-2020", "--name", "nightly import")
	secret := strings.TrimSpace(out)
	if err != nil || !strings.HasPrefix(secret, "ib_") || strings.Contains(secret, "\n") || !strings.Contains(info, "shown only now") {
		t.Fatalf("create: stdout %q stderr %q %v", out, info, err)
	}
	db := openStore(t, dsn)
	u, tok, err := db.TokenUser(context.Background(), secret)
	if err != nil || u.Email != "script@example.org" || tok.Partnership != "anchorage-90-by-2020" || tok.Name != "nightly import" {
		t.Fatalf("token user: %+v %+v %v", u, tok, err)
	}
	out, _, err = run("token", "list", "--db", dsn, "--email", "script@example.org")
	if err != nil || !strings.Contains(out, "nightly import") || strings.Contains(out, secret) {
		t.Errorf("list: %q %v", out, err)
	}
	id := strconv.FormatInt(tok.ID, 10)
	if out, _, err = run("token", "revoke", "--db", dsn, "--email", "script@example.org", "--id", id); err != nil || !strings.Contains(out, "revoked") {
		t.Fatalf("revoke: %q %v", out, err)
	}
	if _, _, err := db.TokenUser(context.Background(), secret); domain.ErrorCode(err) != domain.EUNAUTHORIZED {
		t.Errorf("revoked token: err %v, want unauthorized", err)
	}
}

func TestTokenErrors(t *testing.T) {
	dsn := seededDB(t)
	t.Setenv("IMPACTBOARD_PASSWORD", cliPassword)
	for _, email := range []string{"a@example.org", "b@example.org"} {
		if _, _, err := run("user", "add", "--db", dsn, "--email", email, "--role", "viewer", "--partnership", "anchorage-90-by-2020"); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := run("token", "create", "--db", dsn, "--email", "b@example.org", "--partnership", "anchorage-90-by-2020"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no subcommand", []string{"token"}, "subcommand"},
		{"not a member", []string{"token", "create", "--db", dsn, "--email", "a@example.org", "--partnership", "better-together-central-oregon"}, "not a member"},
		{"unknown user", []string{"token", "create", "--db", dsn, "--email", "nobody@example.org", "--partnership", "anchorage-90-by-2020"}, "nobody@example.org"},
		{"missing partnership", []string{"token", "create", "--db", dsn, "--email", "a@example.org"}, "--partnership"},
		{"id not a number", []string{"token", "revoke", "--db", dsn, "--email", "a@example.org", "--id", "first"}, "first"},
		{"another user's token", []string{"token", "revoke", "--db", dsn, "--email", "a@example.org", "--id", "1"}, "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := run(tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}
