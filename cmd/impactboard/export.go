package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/store"
)

const exportHelp = `Usage: impactboard export --partnership SLUG [--db DSN] [--format csv|xlsx|json] [--output FILE|-] [--include-small-cells]

Writes one partnership's data:
  csv   every figure in the tidy form that "impactboard import" reads back
  xlsx  a Summary sheet with each indicator's status, one sheet per indicator, and a Sources sheet
  json  a versioned document (format "impactboard-export", version 1) with progress and figures
The default is csv on standard output. With --output FILE and no --format, the format
follows the file's extension (.csv, .xlsx or .json; a file without one gets csv, any other
extension is refused). A file is written in full or not at all.

The export is public by default: figures whose denominator is under the partnership's
suppression threshold read "suppressed", as on the public dashboard. --include-small-cells
writes every figure; such a file is created readable by you only. Only approved figures
are exported.

Anyone who can open the database can export any partnership, published or not: this
command has no login. Treat the exports of an unpublished partnership as private.`

// exportConfig is what export needs, from its flags.
type exportConfig struct {
	DB          string
	Partnership string
	Format      string
	Output      string
	SmallCells  bool
}

func parseExport(args []string, stderr io.Writer) (exportConfig, error) {
	var c exportConfig
	fs := newFlags("export", exportHelp, stderr)
	fs.StringVar(&c.DB, "db", env("IMPACTBOARD_DB", defaultDB), "database: a SQLite file path or a postgres:// URL (env IMPACTBOARD_DB)")
	fs.StringVar(&c.Partnership, "partnership", "", "slug of the partnership to export (required)")
	fs.StringVar(&c.Format, "format", "csv", "csv, xlsx or json")
	fs.StringVar(&c.Output, "output", "-", "file to write, or - for standard output")
	fs.BoolVar(&c.SmallCells, "include-small-cells", false, "include figures under the suppression threshold (not for publication)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, domain.Errorf(domain.EINVALID, "export takes no arguments, got %q (did you mean --partnership %s?)", fs.Arg(0), fs.Arg(0))
	}
	if c.Partnership == "" {
		return c, domain.Errorf(domain.EINVALID, "--partnership is required, e.g. --partnership anchorage-90-by-2020")
	}
	if export.Formats[c.Format] == "" {
		return c, domain.Errorf(domain.EINVALID, "--format must be csv, xlsx or json, got %q", c.Format)
	}
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(c.Output)), ".")
	// --format wins over the file's name; without it, the name must say.
	switch {
	case isSet(fs, "format") || c.Output == "-" || ext == "":
	case export.Formats[ext] != "":
		c.Format = ext
	default:
		return c, domain.Errorf(domain.EINVALID, "--output %s: a .%s file is not a format export writes; name the file .csv, .xlsx or .json, or give --format", c.Output, ext)
	}
	return c, nil
}

func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseExport(args, stderr)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, c.DB, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	aud := report.Public
	if c.SmallCells {
		aud = report.Audience{Member: true, SmallCells: true}
	}
	now := time.Now().UTC()
	// The export streams from the database: nothing holds all the figures.
	err = export.FromStore(ctx, db, c.Partnership, aud, now.Year(), func(src export.Source) error {
		write := func(w io.Writer) error { return export.Write(w, c.Format, src, now) }
		if c.Output == "-" {
			return writeBuffered(stdout, write)
		}
		return writeExportFile(c.Output, exportPerm(c.SmallCells), write)
	})
	if err != nil || c.Output == "-" {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s: %s export written to %s (%s)\n", c.Partnership, c.Format, c.Output, audienceNote(c.SmallCells))
	return err
}

// exportPerm keeps a file with small cells from other users of the machine.
func exportPerm(smallCells bool) os.FileMode {
	if smallCells {
		return 0o600
	}
	return 0o644
}

func audienceNote(smallCells bool) string {
	if smallCells {
		return "small cells included: not for publication"
	}
	return "public: small cells suppressed"
}

func writeBuffered(w io.Writer, write func(io.Writer) error) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// writeExportFile writes into a temporary file beside path and renames it
// into place only once everything is written, so a failed export leaves no
// half file and an older file of that name stays as it was.
func writeExportFile(path string, perm os.FileMode, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return domain.Errorf(domain.EINVALID, "cannot write %s: %v", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = writeBuffered(tmp, write); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return domain.Errorf(domain.EINVALID, "cannot write %s: %v", path, err)
	}
	return nil
}
