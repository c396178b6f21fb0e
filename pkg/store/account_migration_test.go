package store_test

import (
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

// TestMigrationUpgradeToAccounts upgrades a version-3 database holding a
// partnership to the accounts schema, checks nothing of it is lost, and
// gives a user of the new tables a role tied to one of its old partners.
func TestMigrationUpgradeToAccounts(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		ctx := t.Context()
		old, err := store.OpenAtVersion(ctx, dsn, 3)
		if err != nil {
			t.Fatal(err)
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
		if v, _ := db.SchemaVersion(ctx); v < 4 {
			t.Fatalf("SchemaVersion after upgrade = %d, want at least 4", v)
		}
		checkUpgradedData(t, db)
		u := mustUser(t, db, "ana@example.org")
		mustMember(t, db, u, "old-partnership", domain.RoleContributor, "backbone-org")
		if _, _, err := db.CreateToken(ctx, u.ID, "old-partnership", "script", u.Email); err != nil {
			t.Errorf("CreateToken after the upgrade: %v", err)
		}
		if _, err := db.CreateSession(ctx, u.ID, time.Hour); err != nil {
			t.Errorf("CreateSession after the upgrade: %v", err)
		}
		err = db.DeletePartner(ctx, "old-partnership", "backbone-org", "admin")
		wantCode(t, "deleting the old backbone", err, domain.ECONFLICT, "contributor account(s)")
	})
}
