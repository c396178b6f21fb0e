package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

// cliActor names the command line in the audit history.
const cliActor = "cli"

const userUsage = `Usage:
  impactboard user add --email E --role R --partnership P [--name N] [--partner SLUG] [--password-stdin] [--db DSN]
  impactboard user passwd --email E [--password-stdin] [--db DSN]
  impactboard user list --partnership P [--db DSN]

add creates the account (or, when the email already has one, only gives it the role) with
role admin, editor, contributor, viewer or board in partnership P; a contributor names the
--partner whose data they enter. passwd sets a new password and ends the user's sessions.
The password comes from IMPACTBOARD_PASSWORD, else one line of standard input with
--password-stdin, else a prompt on the terminal (not echoed). At least 12 characters.`

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, userUsage)
		return domain.Errorf(domain.EINVALID, "user needs a subcommand: add, passwd or list")
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, args[1:], stdout, stderr)
	case "passwd":
		return runUserPasswd(ctx, args[1:], stdout, stderr)
	case "list":
		return runUserList(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help", "-help":
		fmt.Fprintln(stdout, userUsage)
		return nil
	}
	fmt.Fprintln(stderr, userUsage)
	return domain.Errorf(domain.EINVALID, "unknown user subcommand %q", args[0])
}

// requireFlags fails when a flag that has no default was not given.
func requireFlags(fs *flag.FlagSet, names ...string) error {
	if fs.NArg() > 0 {
		return domain.Errorf(domain.EINVALID, "%s takes flags only, got %q", fs.Name(), fs.Arg(0))
	}
	for _, n := range names {
		if fs.Lookup(n).Value.String() == "" {
			return domain.Errorf(domain.EINVALID, "%s: --%s is required", fs.Name(), n)
		}
	}
	return nil
}

type userAddFlags struct {
	db, email, name, role, partnership, partner string
	passwordStdin                               bool
}

func parseUserAdd(args []string, stderr io.Writer) (userAddFlags, error) {
	var f userAddFlags
	fs := newFlags("user add", userUsage, stderr)
	fs.StringVar(&f.db, "db", env("IMPACTBOARD_DB", defaultDB), "database: a SQLite file path or a postgres:// URL (env IMPACTBOARD_DB)")
	fs.StringVar(&f.email, "email", "", "the user's email, used to sign in")
	fs.StringVar(&f.name, "name", "", "the user's name (default: the email)")
	fs.StringVar(&f.role, "role", "", "admin, editor, contributor, viewer or board")
	fs.StringVar(&f.partnership, "partnership", "", "the partnership's slug, e.g. anchorage-90-by-2020")
	fs.StringVar(&f.partner, "partner", "", "for a contributor: the slug of the partner whose data they enter")
	fs.BoolVar(&f.passwordStdin, "password-stdin", false, "read the password from the first line of standard input")
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	return f, requireFlags(fs, "email", "role", "partnership")
}

func runUserAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parseUserAdd(args, stderr)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, f.db, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	m := domain.Membership{Partnership: f.partnership, Role: domain.Role(f.role), Partner: f.partner}
	// Check the role before creating anyone, so a typo leaves no account
	// without a role behind.
	if err := checkMembership(ctx, db, m); err != nil {
		return err
	}
	u, created, err := findOrCreateUser(ctx, db, f, stderr)
	if err != nil {
		return err
	}
	m.UserID = u.ID
	if err := db.SetMembership(ctx, m, cliActor); err != nil {
		return err
	}
	what := "existing user " + u.Email + " (password unchanged)"
	if created {
		what = "created user " + u.Email
	}
	_, err = fmt.Fprintf(stdout, "%s: %s in %s\n", what, m.Role, m.Partnership)
	return err
}

func checkMembership(ctx context.Context, db *store.DB, m domain.Membership) error {
	b, err := db.Bundle(ctx, m.Partnership)
	if err != nil {
		return err
	}
	switch {
	case !m.Role.Valid():
		return domain.Errorf(domain.EINVALID, "--role must be admin, editor, contributor, viewer or board, got %q", m.Role)
	case m.Role != domain.RoleContributor && m.Partner != "":
		return domain.Errorf(domain.EINVALID, "--partner is only for a contributor, not a(n) %s", m.Role)
	case m.Role != domain.RoleContributor:
		return nil
	}
	var slugs []string
	for _, p := range b.Partners {
		if p.Slug == m.Partner {
			return nil
		}
		slugs = append(slugs, p.Slug)
	}
	return domain.Errorf(domain.EINVALID, "a contributor needs --partner, one of the partners of %s: %s", m.Partnership, strings.Join(slugs, ", "))
}

// findOrCreateUser returns the account with the email; only a new account
// needs a password.
func findOrCreateUser(ctx context.Context, db *store.DB, f userAddFlags, stderr io.Writer) (domain.User, bool, error) {
	u, err := db.UserByEmail(ctx, f.email)
	if err == nil || domain.ErrorCode(err) != domain.ENOTFOUND {
		return u, false, err
	}
	pw, err := readPassword(f.passwordStdin, stderr)
	if err != nil {
		return u, false, err
	}
	name := f.name
	if name == "" {
		name = f.email
	}
	u, err = db.CreateUser(ctx, f.email, name, pw, cliActor)
	return u, err == nil, err
}

func runUserPasswd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("user passwd", userUsage, stderr)
	dsn := dbFlag(fs)
	email := fs.String("email", "", "the user's email")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := requireFlags(fs, "email"); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.UserByEmail(ctx, *email)
	if err != nil {
		return err
	}
	pw, err := readPassword(*fromStdin, stderr)
	if err != nil {
		return err
	}
	if err := db.SetPassword(ctx, u.ID, pw, cliActor); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "password of %s changed; their sessions have ended\n", u.Email)
	return err
}

func runUserList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("user list", userUsage, stderr)
	dsn := dbFlag(fs)
	partnership := fs.String("partnership", "", "the partnership's slug")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := requireFlags(fs, "partnership"); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	ms, err := db.Members(ctx, *partnership)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tPARTNER")
	for _, m := range ms {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", m.ID, m.Email, m.Name, m.Role, m.Partner)
	}
	return tw.Flush()
}

var safeShellWord = regexp.MustCompile(`^[A-Za-z0-9_./:@+-]+$`)

// printFirstAdminHint tells how to create an admin for each partnership
// that has none: a fresh install has no default account or password.
func printFirstAdminHint(ctx context.Context, db *store.DB, dsn string, slugs []string, w io.Writer) error {
	var without []string
	for _, slug := range slugs {
		ms, err := db.Members(ctx, slug)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(ms, func(m store.Member) bool { return m.Role == domain.RoleAdmin }) {
			without = append(without, slug)
		}
	}
	if len(without) == 0 {
		return nil
	}
	dbArg := ""
	switch {
	case strings.Contains(dsn, "://"): // a URL may hold a password: never print it
		dbArg = " --db <your database URL>"
	case dsn != defaultDB && safeShellWord.MatchString(dsn):
		dbArg = " --db " + dsn
	case dsn != defaultDB:
		dbArg = " --db '" + strings.ReplaceAll(dsn, "'", `'\''`) + "'"
	}
	fmt.Fprintf(w, "\nNo admin yet for %s. There is no default password; create the first admin with\n", strings.Join(without, ", "))
	fmt.Fprintf(w, "  impactboard user add%s --email you@example.org --role admin --partnership %s\n", dbArg, without[0])
	_, err := fmt.Fprintln(w, "(it asks for the password, or takes it from IMPACTBOARD_PASSWORD), then sign in at /login.")
	return err
}
