// Command impactboard runs a collective-impact dashboard: one binary with
// subcommands to serve the web app, load seed data and manage the database.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/impactboard/impactboard/pkg/domain"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		printError(os.Stderr, err)
		os.Exit(1)
	}
}

// maxShownProblems caps the per-field lines printed for one error: a
// renamed slug in a seed folder can cascade into hundreds of them.
const maxShownProblems = 20

// printError writes err for the operator who ran the command. Unlike a web
// visitor, they own the machine, so internal causes (a permission denied, an
// unreachable database) are shown as they are.
func printError(w io.Writer, err error) {
	var e *domain.Error
	if !errors.As(err, &e) {
		fmt.Fprintln(w, "impactboard:", err)
		return
	}
	if len(e.Fields) == 0 {
		fmt.Fprintln(w, "impactboard:", e.Message)
		return
	}
	fmt.Fprintf(w, "impactboard: %s:\n", e.Message)
	for i, f := range e.Fields {
		if i == maxShownProblems {
			fmt.Fprintf(w, "  … and %d more\n", len(e.Fields)-i)
			break
		}
		fmt.Fprintln(w, " ", f.String())
	}
}

const usage = `impactboard: shared measurement dashboards for collective-impact partnerships.

Usage:
  impactboard <command> [flags]

Commands:
  serve     run the web dashboard and JSON API (loads the sample partnerships into an empty database)
  seed      load partnerships from seed files into the database (safe to run again)
  migrate   bring the database schema up to date
  import    add or update figures from a CSV or XLSX file (--dry-run shows what would change,
            --expect applies exactly what a dry run showed)
  export    write a partnership's data as CSV, XLSX or JSON (public unless --include-small-cells)
  snapshot  create, list or export frozen, checksummed copies of a partnership's dashboards (html, csv, xlsx, json)
  user      add a user with a role (user add), change a password (user passwd), list members (user list)
  token     create, list or revoke a user's API tokens
  version   print the version

Every command takes --db (or IMPACTBOARD_DB): a SQLite file path (default ./impactboard.db)
or a postgres://user@host:5432/dbname URL. Run "impactboard <command> --help" for its flags.
`

// Run executes one subcommand. It is main without the exit, so tests can
// call it with arguments and writers of their own.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return domain.Errorf(domain.EINVALID, "no command given")
	}
	switch args[0] {
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "seed":
		return runSeed(ctx, args[1:], stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args[1:], stdout, stderr)
	case "export":
		return runExport(ctx, args[1:], stdout, stderr)
	case "import":
		return runImport(ctx, args[1:], stdout, stderr)
	case "snapshot":
		return runSnapshot(ctx, args[1:], stdout, stderr)
	case "user":
		return runUser(ctx, args[1:], stdout, stderr)
	case "token":
		return runToken(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-version":
		_, err := fmt.Fprintln(stdout, "impactboard", version)
		return err
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return domain.Errorf(domain.EINVALID, "unknown command %q", args[0])
}
