package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// TestCheckPragmasRefuses opens SQLite files the way a careless DSN would
// and checks that Open's pragma check refuses them.
func TestCheckPragmasRefuses(t *testing.T) {
	tests := []struct {
		name, params, want string
	}{
		{"rollback journal", "_foreign_keys=1", "journal_mode"},
		{"foreign keys off", "_journal_mode=WAL&_foreign_keys=0", "foreign keys are off"},
		{"pragma parameter ignored by mattn", "_pragma=foreign_keys(1)&_journal_mode=WAL", "foreign keys are off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dsn := "file:" + filepath.Join(t.TempDir(), "x.db") + "?" + tt.params
			g, err := gorm.Open(sqlite.Open(dsn), &gorm.Config{})
			if err != nil {
				t.Fatal(err)
			}
			sqlDB, _ := g.DB()
			defer sqlDB.Close()
			err = checkPragmas(context.Background(), g)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("checkPragmas = %v, want an error about %q", err, tt.want)
			}
		})
	}
}

func TestSplitStatements(t *testing.T) {
	sql := "-- header; with a semicolon\nCREATE TABLE a (\n    x INTEGER -- note\n);\n\nCREATE INDEX b ON a (x);\n"
	got := splitStatements(sql)
	want := []string{"CREATE TABLE a (\n    x INTEGER -- note\n);", "CREATE INDEX b ON a (x);"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("splitStatements = %q, want %q", got, want)
	}
}
