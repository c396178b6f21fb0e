package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/tidy"
	"github.com/impactboard/impactboard/pkg/transfer"
)

const importHelp = `Usage: impactboard import --partnership SLUG [--db DSN] [--dry-run | --expect FINGERPRINT] [--max-bytes N] [--actor NAME] FILE

Imports figures from FILE, a CSV or XLSX file in tidy long form: one figure per row, with
the columns indicator, year and value, and optionally dimension, group, numerator,
denominator, note, source and status (header names in any case and order). CSV may be
comma or semicolon separated, UTF-8 with or without a byte-order mark; numbers use a
decimal point. "impactboard export" writes this form.

A figure whose indicator, year and group are new is added; one that differs is changed;
the rest are left alone, so importing the same file twice changes nothing. A row without
a status keeps the stored figure's status (approved for a new figure).

--dry-run lists what would be added and changed and every problem, and writes nothing.
Without it, the whole file is checked first; any problem means nothing is written, and
otherwise every figure is written in one transaction.

A dry run also prints a fingerprint of the stored figures the file touches, and the
command that applies exactly what it showed: with --expect FINGERPRINT the import writes
nothing and fails if any of those figures changed since (someone edited or imported
them), rather than overwrite that change unseen.`

// defaultActor is who the audit log records without --actor.
const defaultActor = "import"

// importListed caps the changes a dry run lists; the counts cover the rest.
const importListed = 50

// importConfig is what import needs, from its flags.
type importConfig struct {
	DB          string
	Partnership string
	File        string
	Actor       string
	DryRun      bool
	Expect      string // a dry run's fingerprint: apply only if it still holds
	MaxBytes    int64
}

func parseImport(args []string, stderr io.Writer) (importConfig, error) {
	var c importConfig
	fs := newFlags("import", importHelp, stderr)
	fs.StringVar(&c.DB, "db", env("IMPACTBOARD_DB", defaultDB), "database: a SQLite file path or a postgres:// URL (env IMPACTBOARD_DB)")
	fs.StringVar(&c.Partnership, "partnership", "", "slug of the partnership to import into (required)")
	fs.BoolVar(&c.DryRun, "dry-run", false, "show what would change and every problem; write nothing")
	fs.StringVar(&c.Expect, "expect", "", "a dry run's fingerprint: import nothing if the figures it covers changed since")
	fs.Int64Var(&c.MaxBytes, "max-bytes", tidy.DefaultMaxBytes, "largest file accepted, in bytes")
	fs.StringVar(&c.Actor, "actor", defaultActor, "who the audit log records as making the changes")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return c, err
	}
	switch {
	case c.Partnership == "":
		return c, domain.Errorf(domain.EINVALID, "--partnership is required, e.g. --partnership anchorage-90-by-2020")
	case len(files) != 1:
		return c, domain.Errorf(domain.EINVALID, "import takes one file, got %d", len(files))
	case c.MaxBytes <= 0:
		return c, domain.Errorf(domain.EINVALID, "--max-bytes must be positive")
	case c.Expect != "" && c.DryRun:
		return c, domain.Errorf(domain.EINVALID, "--expect applies what a dry run showed: leave out --dry-run")
	case c.Expect != "":
		if err := transfer.CheckFingerprint(c.Expect); err != nil {
			return c, domain.Errorf(domain.EINVALID, "--expect: %s", domain.ErrorMessage(err))
		}
	}
	c.File = files[0]
	return c, nil
}

// parseInterspersed allows flags after the file, as in
// "import --partnership P FILE --dry-run".
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseImport(args, stderr)
	if err != nil {
		return err
	}
	src, err := openImportFile(c.File, c.MaxBytes)
	if err != nil {
		return err
	}
	defer src.Close()
	db, err := store.Open(ctx, c.DB, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	bar := newProgressBar(stderr)
	if c.DryRun {
		return dryRunImport(ctx, db, c, src, stdout, bar)
	}
	return applyImport(ctx, db, c, src, stdout, stderr, bar)
}

// importFile is the file being imported, read twice when applied: once to
// check it, once to write it.
type importFile struct {
	*os.File
	name     string
	size     int64
	maxBytes int64
}

// openImportFile checks the size before reading a byte, so an oversized
// file costs nothing.
func openImportFile(path string, maxBytes int64) (*importFile, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, domain.Errorf(domain.ENOTFOUND, "file %q not found", path)
	} else if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		err = domain.Errorf(domain.EINVALID, "%s is a folder, not a file", path)
	}
	if err == nil {
		if err = tidy.CheckSize(st.Size(), tidy.Options{MaxBytes: maxBytes}); err != nil {
			err = domain.Errorf(domain.EINVALID, "%s: %s (--max-bytes raises the limit)", filepath.Base(path), domain.ErrorMessage(err))
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return &importFile{File: f, name: path, size: st.Size(), maxBytes: maxBytes}, nil
}

// source reads the whole file for transfer, reporting each pass's
// progress to bar.
func (s *importFile) source(bar *progressBar) transfer.Source {
	return func(pass string, total int, each func(tidy.Row) error) ([]tidy.Problem, error) {
		bar.start(pass, s.size, total)
		defer bar.done()
		opts := tidy.Options{MaxBytes: s.maxBytes, Progress: bar.update}
		return tidy.Parse(s.name, s.File, s.size, opts, each)
	}
}

func dryRunImport(ctx context.Context, db *store.DB, c importConfig, src *importFile, out io.Writer, bar *progressBar) error {
	plan, err := transfer.DryRun(ctx, db, c.Partnership, src.source(bar), importListed)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Dry run: %s into %s; nothing was written.\n", c.File, c.Partnership)
	fmt.Fprintf(out, "%d to add, %d to change, %d unchanged.\n", plan.NumAdded, plan.NumChanged, plan.Unchanged)
	printChanges(out, plan)
	if len(plan.Problems) > 0 {
		return reportProblems(out, c.File, plan.Problems)
	}
	fmt.Fprintf(out, "Fingerprint: %s\nTo apply exactly this (refused if these figures change first):\n  %s\n",
		plan.Fingerprint, applyCommand(c, plan.Fingerprint))
	return nil
}

// applyCommand is the command line that applies the dry run c with
// fingerprint: the flags that change what is applied, and --db unless the
// environment or the default gives it, with any password left out.
func applyCommand(c importConfig, fingerprint string) string {
	args := []string{"impactboard", "import"}
	if c.DB != env("IMPACTBOARD_DB", defaultDB) {
		args = append(args, "--db", redactDSN(c.DB))
	}
	args = append(args, "--partnership", c.Partnership)
	if c.Actor != defaultActor {
		args = append(args, "--actor", c.Actor)
	}
	if c.MaxBytes != tidy.DefaultMaxBytes {
		args = append(args, "--max-bytes", strconv.FormatInt(c.MaxBytes, 10))
	}
	args = append(args, "--expect", fingerprint, c.File)
	for i, a := range args {
		args[i] = shellQuote(a)
	}
	return strings.Join(args, " ")
}

// redactDSN hides the password of a postgres:// URL, which a printed
// command should not show.
func redactDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			return u.Redacted()
		}
	}
	return dsn
}

// shellQuote quotes s for a POSIX shell unless it needs none.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@,+-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// printChanges lists changes before additions, which matter more, up to
// importListed lines.
func printChanges(out io.Writer, plan tidy.Plan) {
	all := append(append([]tidy.Change{}, plan.Changed...), plan.Added...)
	for _, ch := range all[:min(len(all), importListed)] {
		fmt.Fprintf(out, "  row %d: %s\n", ch.Row, ch)
	}
	if more := plan.NumAdded + plan.NumChanged - importListed; more > 0 {
		fmt.Fprintf(out, "  ... and %d more\n", more)
	}
}

// reportProblems prints every problem and returns the error that makes the
// command fail, or nil when there are none.
func reportProblems(out io.Writer, file string, problems []tidy.Problem) error {
	if len(problems) == 0 {
		return nil
	}
	fmt.Fprintf(out, "Problems in %s:\n", file)
	for _, p := range problems {
		fmt.Fprintf(out, "  %s\n", p)
	}
	return domain.Errorf(domain.EINVALID, "%s has problems (listed above); nothing was imported", file)
}

func applyImport(ctx context.Context, db *store.DB, c importConfig, src *importFile, stdout, stderr io.Writer, bar *progressBar) error {
	res, problems, err := applyFile(ctx, db, c, src.source(bar))
	if errors.Is(err, transfer.ErrStale) {
		return domain.Errorf(domain.ECONFLICT, "figures that %s touches were changed since the dry run whose fingerprint --expect gives; nothing was imported: "+
			"run the import with --dry-run again, review what it shows, and apply with its new fingerprint", c.File)
	} else if err != nil {
		return err
	}
	if len(problems) > 0 {
		return reportProblems(stderr, c.File, problems)
	}
	_, err = fmt.Fprintf(stdout, "%s (%s): %d added, %d changed, %d unchanged\n",
		c.Partnership, c.File, res.Added, res.Changed, res.Unchanged)
	return err
}

// applyFile imports src: as the dry run with fingerprint c.Expect showed
// it, when given.
func applyFile(ctx context.Context, db *store.DB, c importConfig, src transfer.Source) (store.SaveResult, []tidy.Problem, error) {
	if c.Expect != "" {
		return transfer.ApplyPreviewed(ctx, db, c.Partnership, c.Actor, src, c.Expect)
	}
	return transfer.Apply(ctx, db, c.Partnership, c.Actor, src)
}

// progressBar draws "checking  412,000 rows  41% [#####-----]" on a
// terminal, at most every 100 ms; elsewhere it stays silent, so logs and
// pipes get only the result.
type progressBar struct {
	w      io.Writer
	on     bool
	label  string
	size   int64
	total  int
	last   time.Time
	drawn  bool
	period time.Duration
}

func newProgressBar(w io.Writer) *progressBar {
	return &progressBar{w: w, on: isTerminal(w), period: 100 * time.Millisecond}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (p *progressBar) start(label string, size int64, total int) {
	p.label, p.size, p.total, p.last = label, size, total, time.Time{}
}

// update is tidy's Progress callback: bytes is -1 for XLSX, where the
// percentage comes from an earlier count of the rows, if any.
func (p *progressBar) update(rows int, bytes int64) {
	if !p.on || time.Since(p.last) < p.period {
		return
	}
	p.last, p.drawn = time.Now(), true
	pct := -1
	switch {
	case p.total > 0:
		pct = min(100, rows*100/p.total)
	case bytes >= 0 && p.size > 0:
		pct = int(min(100, bytes*100/p.size))
	}
	line := fmt.Sprintf("\r%-9s %11s rows", p.label, groupThousands(rows))
	if pct >= 0 {
		line += fmt.Sprintf(" %3d%% [%-30s]", pct, strings.Repeat("#", pct*30/100))
	}
	fmt.Fprint(p.w, line)
}

// done clears the bar's line.
func (p *progressBar) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

func groupThousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
