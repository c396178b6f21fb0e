package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/impactboard/impactboard"
	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/seed"
	"github.com/impactboard/impactboard/pkg/store"
)

func runSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := newFlags("seed", "Usage: impactboard seed [--db DSN] [DIR]\n\n"+
		"Loads every partnership folder in DIR (default: the built-in sample partnerships) into the database.\n"+
		"Running it again changes only what changed in the files; nothing is duplicated. See seed/README.md for the format.", stderr)
	dsn := dbFlag(flags)
	if err := flags.Parse(args); err != nil {
		return err
	}
	src, name := impactboard.SeedFS(), "built-in sample"
	if flags.NArg() > 1 {
		return domain.Errorf(domain.EINVALID, "seed takes one folder, got %d arguments", flags.NArg())
	}
	if flags.NArg() == 1 {
		name = flags.Arg(0)
		if st, err := os.Stat(name); err != nil || !st.IsDir() {
			return domain.Errorf(domain.EINVALID, "seed folder %q does not exist or is not a folder", name)
		}
		src = os.DirFS(name)
	}
	// Read and validate every file before opening the database, so bad
	// input writes nothing.
	bundles, err := seed.Load(src)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	// Only a first load tells how to create an admin: running seed again
	// prints nothing but what changed.
	empty, err := db.Empty(ctx)
	if err != nil {
		return err
	}
	if err := saveBundles(ctx, db, bundles, name, stdout); err != nil || !empty {
		return err
	}
	return printFirstAdminHint(ctx, db, *dsn, slugsOf(bundles), stdout)
}

func slugsOf(bundles []*domain.Bundle) []string {
	out := make([]string, len(bundles))
	for i, b := range bundles {
		out[i] = b.Partnership.Slug
	}
	return out
}

func saveBundles(ctx context.Context, db *store.DB, bundles []*domain.Bundle, from string, out io.Writer) error {
	for _, b := range bundles {
		res, err := db.SaveBundle(ctx, b, "seed")
		if err != nil {
			return fmt.Errorf("save %s: %w", b.Partnership.Slug, err)
		}
		fmt.Fprintf(out, "%s (%s): %d added, %d changed, %d unchanged\n",
			b.Partnership.Slug, from, res.Added, res.Changed, res.Unchanged)
	}
	return nil
}
