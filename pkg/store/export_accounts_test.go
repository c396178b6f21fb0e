package store

import "context"

// Test-only hooks for the account tests in store_test.

// QueryStrings runs a query of one column on the writer and returns its
// values as text.
func (db *DB) QueryStrings(ctx context.Context, sql string, args ...any) ([]string, error) {
	var out []string
	err := db.writer.WithContext(ctx).Raw(sql, args...).Scan(&out).Error
	return out, err
}

// Raw runs a query on the writer and scans its result into dst.
func (db *DB) Raw(ctx context.Context, sql string, dst any, args ...any) error {
	return db.writer.WithContext(ctx).Raw(sql, args...).Scan(dst).Error
}
