package store

import (
	"context"
	"fmt"
)

// Test-only hooks into the package, for the external tests in store_test.

// OpenAtVersion opens dsn and applies migrations up to version only.
func OpenAtVersion(ctx context.Context, dsn string, version int) (*DB, error) {
	db, err := open(ctx, dsn, Options{})
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx, version); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// LatestVersion is the number of migrations of a dialect.
func LatestVersion(dialect string) int {
	all, err := loadMigrations(dialect)
	if err != nil {
		panic(err)
	}
	return len(all)
}

// Exec runs raw SQL on the writer, its errors translated like the store's.
func (db *DB) Exec(ctx context.Context, sql string, args ...any) error {
	return translate(db.writer.WithContext(ctx).Exec(sql, args...).Error, "exec")
}

// ExecReader runs raw SQL on the read pool.
func (db *DB) ExecReader(ctx context.Context, sql string, args ...any) error {
	return translate(db.reader.WithContext(ctx).Exec(sql, args...).Error, "exec on reader")
}

// Pragma reads a SQLite pragma on the writer and on the read pool.
func (db *DB) Pragma(ctx context.Context, name string) (writer, reader string, err error) {
	q := "PRAGMA " + name // names are constants in the tests
	if err := db.writer.WithContext(ctx).Raw(q).Scan(&writer).Error; err != nil {
		return "", "", fmt.Errorf("writer: %w", err)
	}
	if err := db.reader.WithContext(ctx).Raw(q).Scan(&reader).Error; err != nil {
		return "", "", fmt.Errorf("reader: %w", err)
	}
	return writer, reader, nil
}

// IndexNames lists the indexes of a table.
func (db *DB) IndexNames(ctx context.Context, table string) ([]string, error) {
	idx, err := db.writer.WithContext(ctx).Migrator().GetIndexes(table)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(idx))
	for i, x := range idx {
		names[i] = x.Name()
	}
	return names, nil
}
