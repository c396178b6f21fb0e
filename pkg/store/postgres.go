package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// PostgreSQL pool: enough for a web server's concurrent page loads without
// crowding a small server's default max_connections (100).
const (
	postgresConns     = 10
	postgresIdleConns = 5
	postgresConnLife  = 30 * time.Minute
)

func (db *DB) openPostgres(ctx context.Context, dsn string) error {
	conn, err := postgresDSN(dsn)
	if err != nil {
		return err
	}
	cfg := db.gormConfig()
	cfg.DisableAutomaticPing = true // GORM's ping ignores ctx; ours below honours it
	g, err := gorm.Open(postgres.New(postgres.Config{DSN: conn}), cfg)
	if err != nil {
		return fmt.Errorf("open postgres: %w", err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return fmt.Errorf("open postgres: %w", err)
	}
	sqlDB.SetMaxOpenConns(postgresConns)
	sqlDB.SetMaxIdleConns(postgresIdleConns)
	sqlDB.SetConnMaxLifetime(postgresConnLife)
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return fmt.Errorf("open postgres: %w", err)
	}
	db.writer, db.reader = g, g
	return nil
}
