package store_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

func TestOpenMigrates(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		got, err := db.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := store.LatestVersion(db.Dialect()); got != want || want < 2 {
			t.Errorf("SchemaVersion = %d, want %d (at least 2)", got, want)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("Migrate on a migrated database: %v", err)
		}
		if again, _ := db.SchemaVersion(ctx); again != got {
			t.Errorf("SchemaVersion after a second Migrate = %d, want %d", again, got)
		}
		empty, err := db.Empty(ctx)
		if err != nil || !empty {
			t.Errorf("Empty = %v, %v; want true, nil", empty, err)
		}
		list, err := db.ListPartnerships(ctx)
		if err != nil || len(list) != 0 {
			t.Errorf("ListPartnerships = %v, %v; want none", list, err)
		}
	})
}

func TestOpenDialect(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn, store.Options{})
		want := store.DialectSQLite
		if strings.HasPrefix(dsn, "postgres://") {
			want = store.DialectPostgres
		}
		if got := db.Dialect(); got != want {
			t.Errorf("Dialect = %q, want %q", got, want)
		}
	})
}

func TestSQLitePragmas(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := t.Context()
	for _, tt := range []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"busy_timeout", "5000"},
	} {
		w, r, err := db.Pragma(ctx, tt.pragma)
		if err != nil {
			t.Fatalf("%s: %v", tt.pragma, err)
		}
		if w != tt.want || r != tt.want {
			t.Errorf("PRAGMA %s = %q on the writer, %q on the reader; want %q", tt.pragma, w, r, tt.want)
		}
	}
	err := db.ExecReader(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (100, CURRENT_TIMESTAMP)")
	if err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Errorf("write through the read pool: err = %v, want a read-only error", err)
	}
}

func TestSQLiteDSNForms(t *testing.T) {
	dir := t.TempDir()
	for _, dsn := range []string{
		dir + "/plain.db",
		"file:" + dir + "/uri.db?cache=private",
		"file:" + dir + "/overrides.db?_foreign_keys=0&_journal_mode=DELETE&mode=ro",
		dir + "/with space%.db",
	} {
		t.Run(dsn, func(t *testing.T) {
			db := storetest.Open(t, dsn, store.Options{})
			w, _, err := db.Pragma(t.Context(), "foreign_keys")
			if err != nil || w != "1" {
				t.Errorf("foreign_keys = %q, %v; want 1", w, err)
			}
		})
	}
}

func TestOpenRejectsDSN(t *testing.T) {
	tests := []struct {
		name, dsn, want string
	}{
		{"empty", "  ", "database DSN is empty"},
		{"mysql", "mysql://root:s3cr3tpw@db/impact", `unsupported database DSN scheme "mysql": use a file path for SQLite or postgres://...`},
		{"http", "http://example.org/db", `unsupported database DSN scheme "http"`},
		{"sqlite url", "sqlite://x.db", `unsupported database DSN scheme "sqlite"`},
		{"postgres key=value", "host=localhost user=postgres password=s3cr3tpw", "key=value"},
		{"memory", ":memory:", "in-memory SQLite"},
		{"memory uri", "file:x.db?mode=memory", "in-memory SQLite"},
		{"no host", "postgres://postgres:s3cr3tpw@/test", "no host"},
		{"no database", "postgres://postgres:s3cr3tpw@localhost:5432", "no database name"},
		{"slash in password", "postgres://postgres:s3c/r3tpw@localhost/test", "port is not a number"},
		{"bad escape", "postgres://postgres:s3cr3%zzpw@localhost/test", "not a valid URL"},
		{"port range", "postgresql://postgres:s3cr3tpw@localhost:99999/test", "port is outside 1..65535"},
		{"bad sslmode", "postgres://postgres:s3cr3tpw@localhost/test?sslmode=sometimes", "sslmode is invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := store.Open(t.Context(), tt.dsn, store.Options{})
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded, want an error", tt.dsn)
			}
			if got := domain.ErrorCode(err); got != domain.EINVALID {
				t.Errorf("code = %q, want %q (err: %v)", got, domain.EINVALID, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want it to contain %q", msg, tt.want)
			}
			for _, secret := range []string{"s3cr3t", "r3tpw", "s3c"} {
				if strings.Contains(msg, secret) {
					t.Errorf("error %q echoes the password", msg)
				}
			}
		})
	}
}

func TestMigrationUpgrade(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		ctx := t.Context()
		old, err := store.OpenAtVersion(ctx, dsn, 1)
		if err != nil {
			t.Fatal(err)
		}
		if v, err := old.SchemaVersion(ctx); err != nil || v != 1 {
			t.Fatalf("SchemaVersion = %d, %v; want 1", v, err)
		}
		for _, q := range version1Rows {
			if err := old.Exec(ctx, q.sql, q.args...); err != nil {
				t.Fatalf("%s: %v", q.sql, err)
			}
		}
		if err := old.Close(); err != nil {
			t.Fatal(err)
		}

		db := storetest.Open(t, dsn, store.Options{})
		if v, _ := db.SchemaVersion(ctx); v != store.LatestVersion(db.Dialect()) {
			t.Errorf("SchemaVersion after upgrade = %d, want %d", v, store.LatestVersion(db.Dialect()))
		}
		checkUpgradedData(t, db)
		idx, err := db.IndexNames(ctx, "indicators")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(idx, "indicators_goal_idx") {
			t.Errorf("indexes of indicators = %v, want indicators_goal_idx from migration 2", idx)
		}
	})
}

type rawSQL struct {
	sql  string
	args []any
}

// version1Rows fill a schema at version 1 by hand, the way an older binary
// would have left it.
var version1Rows = []rawSQL{
	{"INSERT INTO partnerships (slug, name, region, vision, suppression_threshold, published) VALUES (?, ?, ?, ?, ?, ?)",
		[]any{"old-partnership", "Old Partnership", "North", "A vision", 10, true}},
	{"INSERT INTO partners (partnership_id, slug, name, sector) VALUES ((SELECT id FROM partnerships), ?, ?, ?)",
		[]any{"backbone-org", "Backbone Org", "nonprofit"}},
	{"UPDATE partnerships SET backbone_partner_id = (SELECT id FROM partners)", nil},
	{"INSERT INTO goals (partnership_id, slug, title, position) VALUES ((SELECT id FROM partnerships), ?, ?, ?)",
		[]any{"graduation", "Graduation", 1}},
	{`INSERT INTO indicators (partnership_id, goal_id, slug, name, unit, decimals, direction, method,
		baseline_year, baseline_value, interim_targets, annotations, kind, position)
	  VALUES ((SELECT id FROM partnerships), (SELECT id FROM goals), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[]any{"graduation-rate", "Graduation rate", "percent", 1, "higher", "linear", 2010, 60.0,
			`[{"year":2020,"value":75}]`, `[{"year":2015,"text":"Method change","break":true}]`, "core", 1}},
	{`INSERT INTO partner_indicators (partnership_id, partner_id, indicator_id)
	  VALUES ((SELECT id FROM partnerships), (SELECT id FROM partners), (SELECT id FROM indicators))`, nil},
	{`INSERT INTO measurements (indicator_id, year, dimension, grp, value, numerator, denominator, status, entered_by, entered_at)
	  VALUES ((SELECT id FROM indicators), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[]any{2011, "Income", "Low income", 50.0, 50.0, 100.0, "approved", "ana", entered}},
	{"INSERT INTO comparisons (indicator_id, geography, year, value) VALUES ((SELECT id FROM indicators), ?, ?, ?)",
		[]any{"State", 2011, 70.5}},
	{"INSERT INTO audit_log (partnership_id, entity, entity_key, action, new_value, actor, at) VALUES ((SELECT id FROM partnerships), ?, ?, ?, ?, ?, ?)",
		[]any{"partnership", "old-partnership", "create", "{}", "ana", entered}},
}

func checkUpgradedData(t *testing.T, db *store.DB) {
	t.Helper()
	b, err := db.Bundle(t.Context(), "old-partnership")
	if err != nil {
		t.Fatalf("Bundle after upgrade: %v", err)
	}
	if b.Partnership.Backbone != "backbone-org" || len(b.Partners) != 1 || len(b.Partners[0].Contributes) != 1 {
		t.Errorf("partnership %+v, partners %+v: want backbone-org contributing to one indicator", b.Partnership, b.Partners)
	}
	if len(b.Indicators) != 1 || len(b.Indicators[0].Interim) != 1 || !b.Indicators[0].Annotations[0].Break {
		t.Errorf("indicators = %s, want graduation-rate with its interim target and annotation", asJSON(b.Indicators))
	}
	if len(b.Measurements) != 1 || *b.Measurements[0].Denominator != 100 || !b.Measurements[0].EnteredAt.Equal(entered) {
		t.Errorf("measurements = %s, want one with denominator 100 entered %v", asJSON(b.Measurements), entered)
	}
	if len(b.Comparisons) != 1 || b.Comparisons[0].Value != 70.5 {
		t.Errorf("comparisons = %s, want one of 70.5", asJSON(b.Comparisons))
	}
	audit, err := db.Audit(t.Context(), "old-partnership", "", "")
	if err != nil || len(audit) != 1 {
		t.Errorf("Audit = %v, %v; want the one old entry", audit, err)
	}
}

func TestMigrateRefusesNewerSchema(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		if err := db.Exec(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", 999, entered); err != nil {
			t.Fatal(err)
		}
		err := db.Migrate(ctx)
		if err == nil || !strings.Contains(err.Error(), "newer than this program") {
			t.Errorf("Migrate = %v, want a refusal of schema version 999", err)
		}
	})
}

func TestUniqueViolationIsConflict(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		insert := "INSERT INTO partnerships (slug, name) VALUES (?, ?)"
		if err := db.Exec(ctx, insert, "twice", "Twice"); err != nil {
			t.Fatal(err)
		}
		err := db.Exec(ctx, insert, "twice", "Twice again")
		if got := domain.ErrorCode(err); got != domain.ECONFLICT {
			t.Errorf("second insert: code %q (%v), want %q", got, err, domain.ECONFLICT)
		}
		var de *domain.Error
		if !errors.As(err, &de) || strings.Contains(de.Message, "UNIQUE") || strings.Contains(de.Message, "23505") {
			t.Errorf("message %q should not expose driver details", err)
		}
	})
}

func TestForeignKeysRestrictDelete(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		if _, err := db.SaveBundle(ctx, sampleBundle("restrict"), "test"); err != nil {
			t.Fatal(err)
		}
		err := db.Exec(ctx, "DELETE FROM indicators WHERE slug = ?", "chronic-absence")
		if got := domain.ErrorCode(err); got != domain.ECONFLICT {
			t.Errorf("deleting an indicator with figures: code %q (%v), want %q", got, err, domain.ECONFLICT)
		}
		b, err := db.Bundle(ctx, "restrict")
		if err != nil || len(b.Measurements) != 5 {
			t.Errorf("after the refused delete: %d measurements, %v; want 5", len(b.Measurements), err)
		}
	})
}

// TestPostgresSchemaParam opens one schema through schema=NAME and through
// search_path=NAME and finds the same data.
func TestPostgresSchemaParam(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	viaSchema := strings.Replace(dsn, "search_path=", "schema=", 1)
	if viaSchema == dsn {
		t.Fatalf("DSN %q has no search_path", dsn)
	}
	db := storetest.Open(t, viaSchema, store.Options{})
	mustSave(t, db, sampleBundle("via-schema"), "test")
	again := storetest.Open(t, dsn, store.Options{})
	if _, err := again.Bundle(t.Context(), "via-schema"); err != nil {
		t.Errorf("Bundle through search_path: %v", err)
	}
}
