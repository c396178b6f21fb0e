package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/snapshot"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/web"
)

const snapshotUsage = `Usage:
  impactboard snapshot create --partnership P --title T [--note N] [--by EMAIL] [--dashboards DIR] [--db DSN]
  impactboard snapshot list --partnership P [--db DSN]
  impactboard snapshot export --id ID [--format html|csv|xlsx|json] [--out FILE] [--db DSN]

create freezes the partnership's dashboards and approved figures as they are now, with the
small cells members see, and prints the new snapshot's id and SHA-256. --by names the user
recorded as its author (default: "command line"). Snapshots cannot be changed afterwards.
export writes one snapshot (html: one self-contained file that opens offline) to standard
output or to --out FILE; the json format is the stored document, whose SHA-256 is the
snapshot's checksum. Snapshots hold figures under the suppression threshold: not for publication.`

func runSnapshot(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, snapshotUsage)
		return domain.Errorf(domain.EINVALID, "snapshot needs a subcommand: create, list or export")
	}
	switch args[0] {
	case "create":
		return runSnapshotCreate(ctx, args[1:], stdout, stderr)
	case "list":
		return runSnapshotList(ctx, args[1:], stdout, stderr)
	case "export":
		return runSnapshotExport(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help", "-help":
		fmt.Fprintln(stdout, snapshotUsage)
		return nil
	}
	fmt.Fprintln(stderr, snapshotUsage)
	return domain.Errorf(domain.EINVALID, "unknown snapshot subcommand %q", args[0])
}

func runSnapshotCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("snapshot create", snapshotUsage, stderr)
	dsn := dbFlag(fs)
	partnership := fs.String("partnership", "", "slug of the partnership")
	title := fs.String("title", "", "title, e.g. \"March 2026 board packet\"")
	note := fs.String("note", "", "optional note")
	by := fs.String("by", "", "email of the user recorded as the author")
	dir := fs.String("dashboards", env("IMPACTBOARD_DASHBOARDS", ""), "folder of dashboard definitions (default: the built-in dashboards/)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := requireFlags(fs, "partnership", "title"); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	author, err := snapshotAuthor(ctx, db, *by)
	if err != nil {
		return err
	}
	ds, err := loadDashboards(ctx, db, *dir)
	if err != nil {
		return err
	}
	in := snapshot.Input{Title: *title, Note: *note, By: author, At: time.Now(), Program: version, Dashboards: ds}
	s, err := snapshot.Take(ctx, db, *partnership, in, cliActor)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "snapshot %s of %s created\nsha256 %s\n", s.ID, s.Partnership, s.SHA256)
	return err
}

// snapshotAuthor is the user named by --by, or the command line itself.
func snapshotAuthor(ctx context.Context, db *store.DB, email string) (domain.Author, error) {
	if email == "" {
		return domain.Author{Name: "command line"}, nil
	}
	u, err := db.UserByEmail(ctx, email)
	if err != nil {
		return domain.Author{}, err
	}
	return domain.Author{UserID: u.ID, Name: u.Name, Email: u.Email}, nil
}

func runSnapshotList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("snapshot list", snapshotUsage, stderr)
	dsn := dbFlag(fs)
	partnership := fs.String("partnership", "", "slug of the partnership")
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
	list, err := db.ListSnapshots(ctx, *partnership)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCREATED\tBY\tTITLE\tSHA256")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.ID, s.CreatedAt.Format(time.RFC3339), s.CreatedBy.Label(), s.Title, s.SHA256)
	}
	return tw.Flush()
}

func runSnapshotExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("snapshot export", snapshotUsage, stderr)
	dsn := dbFlag(fs)
	id := fs.String("id", "", "id of the snapshot (see snapshot list)")
	format := fs.String("format", "html", "html, csv, xlsx or json")
	out := fs.String("out", "-", "file to write, or - for standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := requireFlags(fs, "id"); err != nil {
		return err
	}
	if snapshot.ContentType(*format) == "" {
		return domain.Errorf(domain.EINVALID, "--format must be html, csv, xlsx or json, got %q", *format)
	}
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	s, content, err := db.Snapshot(ctx, *id)
	if err != nil {
		return err
	}
	write := func(w io.Writer) error { return snapshot.Write(w, *format, content, s.SHA256, web.StaticFS()) }
	if *out == "-" {
		return writeBuffered(stdout, write)
	}
	// Small cells: readable by the owner only, like export --include-small-cells.
	if err := writeExportFile(*out, 0o600, write); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stderr, "snapshot %s written to %s as %s (members only: not for publication)\n", s.ID, *out, *format)
	return err
}
