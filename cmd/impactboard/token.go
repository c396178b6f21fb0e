package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

const tokenUsage = `Usage:
  impactboard token create --email E --partnership P [--name N] [--db DSN]
  impactboard token list --email E [--db DSN]
  impactboard token revoke --email E --id N [--db DSN]

create prints a new API token once: it acts as the user, with the user's role, in partnership
P only. Send it as "Authorization: Bearer <token>". Only its hash is stored: a lost token
cannot be shown again; revoke it (list shows the ids) and create another.`

func runToken(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, tokenUsage)
		return domain.Errorf(domain.EINVALID, "token needs a subcommand: create, list or revoke")
	}
	switch args[0] {
	case "create":
		return runTokenCreate(ctx, args[1:], stdout, stderr)
	case "list":
		return runTokenList(ctx, args[1:], stdout, stderr)
	case "revoke":
		return runTokenRevoke(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help", "-help":
		fmt.Fprintln(stdout, tokenUsage)
		return nil
	}
	fmt.Fprintln(stderr, tokenUsage)
	return domain.Errorf(domain.EINVALID, "unknown token subcommand %q", args[0])
}

// openUser opens the database and finds the user with the email.
func openUser(ctx context.Context, dsn, email string) (*store.DB, domain.User, error) {
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return nil, domain.User{}, err
	}
	u, err := db.UserByEmail(ctx, email)
	if err != nil {
		db.Close()
		return nil, u, err
	}
	return db, u, nil
}

func runTokenCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("token create", tokenUsage, stderr)
	dsn := dbFlag(fs)
	email := fs.String("email", "", "the user the token acts as")
	partnership := fs.String("partnership", "", "the partnership the token is limited to")
	name := fs.String("name", "command line", "what uses the token, e.g. \"district import script\"")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := requireFlags(fs, "email", "partnership"); err != nil {
		return err
	}
	db, u, err := openUser(ctx, *dsn, *email)
	if err != nil {
		return err
	}
	defer db.Close()
	secret, tok, err := db.CreateToken(ctx, u.ID, *partnership, *name, cliActor)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "token %d %q for %s in %s; it is shown only now:\n", tok.ID, tok.Name, u.Email, tok.Partnership)
	_, err = fmt.Fprintln(stdout, secret)
	return err
}

func runTokenList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("token list", tokenUsage, stderr)
	dsn := dbFlag(fs)
	email := fs.String("email", "", "the user whose tokens to list")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := requireFlags(fs, "email"); err != nil {
		return err
	}
	db, u, err := openUser(ctx, *dsn, *email)
	if err != nil {
		return err
	}
	defer db.Close()
	toks, err := db.Tokens(ctx, u.ID)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPARTNERSHIP\tNAME\tCREATED\tLAST USED\tREVOKED")
	for _, t := range toks {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Partnership, t.Name, t.CreatedAt.UTC().Format(time.DateOnly),
			day(t.LastUsedAt, "never"), day(t.RevokedAt, "-"))
	}
	return tw.Flush()
}

func day(t *time.Time, none string) string {
	if t == nil {
		return none
	}
	return t.UTC().Format(time.DateOnly)
}

func runTokenRevoke(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("token revoke", tokenUsage, stderr)
	dsn := dbFlag(fs)
	email := fs.String("email", "", "the token's owner")
	id := fs.String("id", "", "the token's id (see token list)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := requireFlags(fs, "email", "id"); err != nil {
		return err
	}
	n, err := strconv.ParseInt(*id, 10, 64)
	if err != nil {
		return domain.Errorf(domain.EINVALID, "--id must be a token number (see token list), got %q", *id)
	}
	db, u, err := openUser(ctx, *dsn, *email)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.RevokeToken(ctx, u.ID, n, cliActor); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "token %d of %s revoked\n", n, u.Email)
	return err
}
