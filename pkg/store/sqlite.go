package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// SQLite pool sizes: one writer, because SQLite allows one writer at a time
// and a second connection would only wait or fail with "database is locked";
// a few readers, which WAL lets run alongside the writer.
const (
	sqliteReaders = 4
)

func (db *DB) openSQLite(ctx context.Context, dsn string) error {
	d, err := parseSQLiteDSN(dsn)
	if err != nil {
		return err
	}
	// The writer goes first: it creates the file and switches it to WAL,
	// which a read-only connection could do neither of.
	if db.writer, err = db.openSQLitePool(d.writerDSN(), 1); err != nil {
		return err
	}
	if db.reader, err = db.openSQLitePool(d.readerDSN(), sqliteReaders); err != nil {
		closeGorm(db.writer)
		return err
	}
	if err := checkPragmas(ctx, db.writer); err != nil {
		db.Close()
		return err
	}
	return nil
}

func (db *DB) openSQLitePool(dsn string, conns int) (*gorm.DB, error) {
	g, err := gorm.Open(sqlite.New(sqlite.Config{DSN: dsn}), db.gormConfig())
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	sqlDB.SetMaxOpenConns(conns)
	sqlDB.SetMaxIdleConns(conns)
	return g, nil
}

// checkPragmas reads back what the DSN asked for: the mattn driver ignores
// parameters it does not know and some file systems refuse WAL, and running
// without WAL or foreign keys would fail later and less clearly.
func checkPragmas(ctx context.Context, g *gorm.DB) error {
	var mode string
	if err := g.WithContext(ctx).Raw("PRAGMA journal_mode").Scan(&mode).Error; err != nil {
		return fmt.Errorf("open sqlite: read journal_mode: %w", err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("open sqlite: journal_mode is %q, not WAL; refusing to run", mode)
	}
	var fk int
	if err := g.WithContext(ctx).Raw("PRAGMA foreign_keys").Scan(&fk).Error; err != nil {
		return fmt.Errorf("open sqlite: read foreign_keys: %w", err)
	}
	if fk != 1 {
		return fmt.Errorf("open sqlite: foreign keys are off; refusing to run")
	}
	return nil
}
