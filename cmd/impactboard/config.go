package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
)

// defaultDB is the SQLite file used when neither --db nor IMPACTBOARD_DB is set.
const defaultDB = "./impactboard.db"

// env returns the environment variable name, or def when it is unset.
func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

func envBool(name string, def bool) bool {
	v, err := strconv.ParseBool(env(name, strconv.FormatBool(def)))
	if err != nil {
		return def
	}
	return v
}

// newFlags makes a flag set whose --help prints a short description first.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", env("IMPACTBOARD_DB", defaultDB), "database: a SQLite file path or a postgres:// URL (env IMPACTBOARD_DB)")
}
