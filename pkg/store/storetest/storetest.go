// Package storetest opens real, isolated databases for tests of packages
// that use the store: a SQLite file in t.TempDir(), and a fresh schema on the
// PostgreSQL server named by IMPACTBOARD_TEST_POSTGRES (default: the local
// test database). When that server is unreachable the PostgreSQL half is
// skipped, unless CI=true, where it fails.
package storetest

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"github.com/impactboard/impactboard/pkg/store"
)

// DefaultPostgres is the server tests use when IMPACTBOARD_TEST_POSTGRES is unset.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// ForEachDB runs fn as subtests "sqlite" and "postgres", each with a fresh,
// migrated, empty store that is closed and removed when the test ends.
func ForEachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	ForEachDSN(t, func(t *testing.T, dsn string) {
		fn(t, Open(t, dsn, store.Options{}))
	})
}

// ForEachDSN runs fn as subtests "sqlite" and "postgres" with the DSN of a
// fresh, empty database, for tests that open it themselves (with a clock,
// or at an old schema version).
func ForEachDSN(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLiteDSN(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, PostgresDSN(t)) })
}

// SQLite returns a fresh, migrated store in a file under t.TempDir().
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	return Open(t, SQLiteDSN(t), store.Options{})
}

// SQLiteDSN returns the path of a database file that does not exist yet.
func SQLiteDSN(t testing.TB) string {
	return filepath.Join(t.TempDir(), "impactboard.db")
}

// Open opens dsn (running migrations) and closes it when the test ends.
func Open(t testing.TB, dsn string, opts store.Options) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, opts)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return db
}

// PostgresDSN creates a schema with a random name and returns a DSN whose
// search_path selects it; the schema is dropped with everything in it when
// the test ends.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := cmp.Or(os.Getenv("IMPACTBOARD_TEST_POSTGRES"), DefaultPostgres)
	requirePostgres(t, base)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	schema := "test_" + randomHex(t)
	quoted := pgx.Identifier{schema}.Sanitize()
	if _, err := admin.ExecContext(context.Background(), "CREATE SCHEMA "+quoted); err != nil {
		admin.Close()
		t.Fatalf("postgres: create schema: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+quoted+" CASCADE"); err != nil {
			t.Errorf("postgres: drop schema %s: %v", schema, err)
		}
	})
	return withSearchPath(t, base, schema)
}

func withSearchPath(t testing.TB, base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("IMPACTBOARD_TEST_POSTGRES is not a URL")
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(t testing.TB) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("random schema name: %v", err)
	}
	return hex.EncodeToString(b)
}

// reachable remembers, per server, whether PostgreSQL answered, so a test
// run without a server waits for the connection timeout once, not per test.
var reachable sync.Map // base DSN -> error (nil when reachable)

func requirePostgres(t testing.TB, base string) {
	t.Helper()
	v, ok := reachable.Load(base)
	if !ok {
		v, _ = reachable.LoadOrStore(base, ping(base))
	}
	err, _ := v.(error)
	if err == nil {
		return
	}
	where := redact(base)
	if os.Getenv("CI") == "true" {
		t.Fatalf("PostgreSQL at %s is required when CI=true: %v", where, err)
	}
	t.Skipf("PostgreSQL at %s not reachable (set IMPACTBOARD_TEST_POSTGRES; CI=true makes this fatal): %v", where, err)
}

func ping(base string) error {
	db, err := sql.Open("pgx", base)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}

func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable IMPACTBOARD_TEST_POSTGRES)"
	}
	return u.Redacted()
}
