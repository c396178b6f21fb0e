package main

import (
	"context"
	"fmt"
	"io"

	"github.com/impactboard/impactboard/pkg/store"
)

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("migrate", "Usage: impactboard migrate [--db DSN]\n\nApplies every pending schema migration. Migrations only move forward and keep existing data.", stderr)
	dsn := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "database schema is at version %d\n", v)
	return err
}
