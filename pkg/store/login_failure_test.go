package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/store"
)

func TestLoginFailures(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, c *fixedClock) {
		longKey := "account:" + strings.Repeat("x", 300) + "@example.org"
		record := func(at time.Time, keys ...string) {
			t.Helper()
			c.set(at)
			for _, k := range keys {
				if err := db.RecordLoginFailure(t.Context(), k); err != nil {
					t.Fatalf("RecordLoginFailure(%q): %v", k, err)
				}
			}
		}
		record(saveTime, "address:192.0.2.1")
		record(saveTime.Add(10*time.Minute), "address:192.0.2.1", "address:192.0.2.1", "account:ana@example.org", longKey)
		tests := []struct {
			key   string
			since time.Time
			want  int
		}{
			{"address:192.0.2.1", saveTime, 3},
			{"address:192.0.2.1", saveTime.Add(time.Minute), 2},
			{"address:192.0.2.1", saveTime.Add(11 * time.Minute), 0},
			{"account:ana@example.org", saveTime.Add(-time.Hour).In(time.FixedZone("AKST", -9*3600)), 1},
			{"account:ben@example.org", saveTime, 0},
			{longKey, saveTime, 1},
			{longKey[:len(longKey)-1], saveTime, 0},
		}
		for _, tt := range tests {
			if got, err := db.LoginFailures(t.Context(), tt.key, tt.since); err != nil || got != tt.want {
				t.Errorf("LoginFailures(%.30q, %v) = %d, %v; want %d", tt.key, tt.since, got, err, tt.want)
			}
		}
		// A failure a day later prunes all those older than a day.
		record(saveTime.Add(24*time.Hour+5*time.Minute), "address:192.0.2.2")
		if rows := mustStrings(t, db, "SELECT key FROM login_failures"); len(rows) != 5 {
			t.Errorf("after pruning: %d rows (%q), want 5 (4 from the last day and the new one)", len(rows), rows)
		}
		if got, _ := db.LoginFailures(t.Context(), "address:192.0.2.1", saveTime); got != 2 {
			t.Errorf("after pruning: %d failures of 192.0.2.1, want the 2 from the last day", got)
		}
	})
}

// TestDeleteOldLoginFailures: the sweeper's pruning keeps what LoginFailures
// can still count (a day back) and needs no new failure to run.
func TestDeleteOldLoginFailures(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, c *fixedClock) {
		for _, at := range []time.Time{saveTime, saveTime.Add(time.Hour), saveTime.Add(2 * time.Hour)} {
			c.set(at)
			if err := db.RecordLoginFailure(t.Context(), "address:192.0.2.1"); err != nil {
				t.Fatalf("RecordLoginFailure: %v", err)
			}
		}
		steps := []struct {
			now        time.Time
			want, left int
		}{
			{saveTime.Add(24 * time.Hour), 0, 3},                  // the oldest is exactly a day old: kept
			{saveTime.Add(24*time.Hour + time.Microsecond), 1, 2}, // now older than a day
			{saveTime.Add(25*time.Hour + 30*time.Minute), 1, 1},   // the second goes
			{saveTime.Add(25*time.Hour + 30*time.Minute), 0, 1},   // nothing more to do
			{saveTime.Add(30 * time.Hour), 1, 0},                  // all gone
		}
		for _, s := range steps {
			c.set(s.now)
			if n, err := db.DeleteOldLoginFailures(t.Context()); err != nil || n != int64(s.want) {
				t.Errorf("at %v: DeleteOldLoginFailures = %d, %v; want %d", s.now, n, err, s.want)
			}
			if rows := mustStrings(t, db, "SELECT key FROM login_failures"); len(rows) != s.left {
				t.Errorf("at %v: %d rows left, want %d", s.now, len(rows), s.left)
			}
		}
	})
}

// TestSetPasswordClearsAccountFailures: a password reset ends the
// account's lockout, and only the account's: an address's failures may be
// someone else's.
func TestSetPasswordClearsAccountFailures(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, c *fixedClock) {
		u := mustUser(t, db, "Locked@Example.org")
		other := store.AccountFailureKey("other@example.org")
		for range 5 {
			for _, k := range []string{store.AccountFailureKey("locked@example.org"), "address:192.0.2.1", other} {
				if err := db.RecordLoginFailure(t.Context(), k); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := db.SetPassword(t.Context(), u.ID, "a brand new passphrase", "admin@example.org"); err != nil {
			t.Fatal(err)
		}
		for key, want := range map[string]int{store.AccountFailureKey(u.Email): 0, "address:192.0.2.1": 5, other: 5} {
			if got, err := db.LoginFailures(t.Context(), key, saveTime.Add(-time.Hour)); err != nil || got != want {
				t.Errorf("after the reset LoginFailures(%q) = %d, %v; want %d", key, got, err, want)
			}
		}
	})
}
