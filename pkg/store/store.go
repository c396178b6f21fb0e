// Package store keeps impactboard's domain types in a SQL database through
// GORM: SQLite by default, PostgreSQL for postgres:// DSNs. It speaks only
// domain types; GORM row structs stay private to the package.
package store

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect names, as returned by DB.Dialect.
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
)

// DB is an open store. SQLite gets two pools on one file, a single writer
// connection and a read-only pool, because one shared pool under concurrent
// writes fails with "database is locked"; PostgreSQL uses one pool for both.
type DB struct {
	writer  *gorm.DB
	reader  *gorm.DB
	dialect string
	now     func() time.Time
	hooks   atomic.Int64
}

// Options tune Open.
type Options struct {
	// Now is the clock for audit and entry times; nil means time.Now.
	Now func() time.Time
}

// Open connects to the database named by dsn and applies pending
// migrations, so that a fresh file is ready to serve. dsn is a file path or
// file: URI for SQLite, or a postgres:// (postgresql://) URL.
func Open(ctx context.Context, dsn string, opts Options) (*DB, error) {
	db, err := open(ctx, dsn, opts)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// open connects without migrating; tests use it to build old schemas.
func open(ctx context.Context, dsn string, opts Options) (*DB, error) {
	dialect, err := dialectOf(dsn)
	if err != nil {
		return nil, err
	}
	db := &DB{dialect: dialect, now: opts.Now}
	if db.now == nil {
		db.now = time.Now
	}
	if dialect == DialectPostgres {
		err = db.openPostgres(ctx, dsn)
	} else {
		err = db.openSQLite(ctx, dsn)
	}
	if err != nil {
		return nil, err
	}
	return db, nil
}

// gormConfig is shared by every pool. Writes always run in an explicit
// transaction (SaveBundle, Migrate), so GORM's implicit one per statement
// would only add round trips; TranslateError lets translate map driver
// errors to domain codes in one place.
func (db *DB) gormConfig() *gorm.Config {
	return &gorm.Config{
		SkipDefaultTransaction: true,
		TranslateError:         true,
		Logger:                 logger.Discard,
		NowFunc:                func() time.Time { return db.now().UTC() },
	}
}

// Dialect returns DialectSQLite or DialectPostgres.
func (db *DB) Dialect() string { return db.dialect }

// Close closes both pools.
func (db *DB) Close() error {
	var errs []error
	if db.reader != db.writer {
		errs = append(errs, closeGorm(db.reader))
	}
	errs = append(errs, closeGorm(db.writer))
	return errors.Join(errs...)
}

func closeGorm(g *gorm.DB) error {
	if g == nil {
		return nil
	}
	sqlDB, err := g.DB()
	if err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return sqlDB.Close()
}

// OnQuery registers fn to be called after every SQL statement run through
// either pool, so tests elsewhere can count queries. Register before the
// store is in use (GORM's callback registry is not safe to change while
// queries run); fn itself must be safe for concurrent use.
func (db *DB) OnQuery(fn func()) {
	name := fmt.Sprintf("impactboard:on_query_%d", db.hooks.Add(1))
	pools := []*gorm.DB{db.writer}
	if db.reader != db.writer {
		pools = append(pools, db.reader)
	}
	hook := func(*gorm.DB) { fn() }
	for _, g := range pools {
		cb := g.Callback()
		cb.Create().Register(name, hook)
		cb.Query().Register(name, hook)
		cb.Update().Register(name, hook)
		cb.Delete().Register(name, hook)
		cb.Row().Register(name, hook)
		cb.Raw().Register(name, hook)
	}
}

// clock returns the time to record for one transaction: UTC, truncated to
// the microsecond PostgreSQL keeps, so what is read back equals what was
// written.
func (db *DB) clock() time.Time {
	return db.now().UTC().Truncate(time.Microsecond)
}
