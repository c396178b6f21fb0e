package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// migrationFiles holds one folder per dialect; files are named
// NNNN_description.sql and numbered from 1 without gaps.
//
//go:embed migrations
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrationLock is the PostgreSQL advisory lock key that makes two
// processes starting at once apply each migration only once. SQLite needs
// none: its write transactions already exclude each other.
const migrationLock = 0x696d7062 // "impb"

var createMigrationsTable = map[string]string{
	DialectSQLite:   `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`,
	DialectPostgres: `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`,
}

var hasMigrationsTable = map[string]string{
	DialectSQLite:   `SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`,
	DialectPostgres: `SELECT to_regclass('schema_migrations') IS NOT NULL`,
}

type migrationRow struct {
	Version   int `gorm:"primaryKey;autoIncrement:false"`
	AppliedAt time.Time
}

func (migrationRow) TableName() string { return "schema_migrations" }

// loadMigrations returns the dialect's migrations in order.
func loadMigrations(dialect string) ([]migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		v, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil || v != len(out)+1 || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migrations: %s/%s: want %04d_name.sql", dir, e.Name(), len(out)+1)
		}
		b, err := migrationFiles.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("migrations: %w", err)
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	return out, nil
}

// Migrate applies every pending migration, each in its own transaction, and
// records it in schema_migrations. Migrations only go forward: a database
// newer than this binary is refused rather than guessed at.
//
// Migrations are hand-written SQL, never GORM's AutoMigrate or its SQLite
// migrator, which rebuilds tables to drop a column. A future migration that
// must rebuild a SQLite table needs foreign_keys off, which SQLite ignores
// inside a transaction: it will need its own code path, and a test on a
// database holding data.
func (db *DB) Migrate(ctx context.Context) error {
	return db.migrate(ctx, -1)
}

// migrate applies migrations up to version upTo (-1: all).
func (db *DB) migrate(ctx context.Context, upTo int) error {
	all, err := loadMigrations(db.dialect)
	if err != nil {
		return err
	}
	if err := db.inMigrationTx(ctx, func(tx *gorm.DB) error {
		return tx.Exec(createMigrationsTable[db.dialect]).Error
	}); err != nil {
		return fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	current, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if current > len(all) {
		return fmt.Errorf("migrate: database schema version %d is newer than this program knows (%d); use a newer impactboard", current, len(all))
	}
	for _, m := range all {
		if upTo >= 0 && m.version > upTo {
			break
		}
		if err := db.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// apply runs one migration unless another process applied it meanwhile.
func (db *DB) apply(ctx context.Context, m migration) error {
	err := db.inMigrationTx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&migrationRow{}).Where("version = ?", m.version).Count(&n).Error; err != nil || n > 0 {
			return err
		}
		for i, stmt := range splitStatements(m.sql) {
			if err := tx.Exec(stmt).Error; err != nil {
				return fmt.Errorf("statement %d: %w", i+1, err)
			}
		}
		return tx.Create(&migrationRow{Version: m.version, AppliedAt: db.clock()}).Error
	})
	if err != nil {
		return fmt.Errorf("migrate: %s: %w", m.name, err)
	}
	return nil
}

func (db *DB) inMigrationTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return db.writer.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if db.dialect == DialectPostgres {
			if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", migrationLock).Error; err != nil {
				return err
			}
		}
		return fn(tx)
	})
}

// splitStatements cuts a migration at semicolons that end a line, after
// dropping "--" comment lines. Migrations hold plain DDL; a statement with
// a semicolon at the end of an inner line (a trigger body) would need a
// smarter splitter.
func splitStatements(sql string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

// SchemaVersion returns the highest applied migration, 0 for an empty database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	g := db.writer.WithContext(ctx)
	var exists bool
	if err := g.Raw(hasMigrationsTable[db.dialect]).Scan(&exists).Error; err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var v *int
	if err := g.Model(&migrationRow{}).Select("MAX(version)").Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}
