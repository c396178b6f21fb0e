package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func mustSession(t *testing.T, db *store.DB, u domain.User, ttl time.Duration) string {
	t.Helper()
	secret, err := db.CreateSession(t.Context(), u.ID, ttl)
	if err != nil {
		t.Fatalf("CreateSession: %v", err)
	}
	return secret
}

func mustStrings(t *testing.T, db *store.DB, sql string, args ...any) []string {
	t.Helper()
	out, err := db.QueryStrings(t.Context(), sql, args...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return out
}

func TestSessions(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, _ *fixedClock) {
		u := mustUser(t, db, "ana@example.org")
		secret := mustSession(t, db, u, time.Hour)
		if len(secret) < 43 {
			t.Errorf("secret %q is shorter than 32 bytes in base64", secret)
		}
		got, err := db.SessionUser(t.Context(), secret)
		if err != nil || got.ID != u.ID {
			t.Fatalf("SessionUser = %+v, %v; want ana", got, err)
		}
		ids := mustStrings(t, db, "SELECT id FROM sessions")
		if want := []string{sha256Hex(secret)}; !slices.Equal(ids, want) {
			t.Errorf("stored session ids %q, want only the secret's SHA-256 %q", ids, want)
		}
		for _, bad := range []string{"", secret + "x", sha256Hex(secret)} {
			_, err := db.SessionUser(t.Context(), bad)
			wantCode(t, "SessionUser("+bad+")", err, domain.EUNAUTHORIZED, "sign in again")
		}
		if err := db.DeleteSession(t.Context(), secret); err != nil {
			t.Fatal(err)
		}
		_, err = db.SessionUser(t.Context(), secret)
		wantCode(t, "after DeleteSession", err, domain.EUNAUTHORIZED, "")
		if err := db.DeleteSession(t.Context(), secret); err != nil {
			t.Errorf("deleting an ended session: %v, want nil", err)
		}
	})
}

func TestSessionExpires(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, c *fixedClock) {
		u := mustUser(t, db, "ana@example.org")
		short := mustSession(t, db, u, time.Hour)
		long := mustSession(t, db, u, 2*time.Hour)
		c.set(saveTime.Add(time.Hour - time.Microsecond))
		if _, err := db.SessionUser(t.Context(), short); err != nil {
			t.Errorf("just before expiry: %v", err)
		}
		c.set(saveTime.Add(time.Hour))
		_, err := db.SessionUser(t.Context(), short)
		wantCode(t, "at expiry", err, domain.EUNAUTHORIZED, "expired")
		if n, err := db.DeleteExpiredSessions(t.Context()); err != nil || n != 1 {
			t.Errorf("DeleteExpiredSessions = %d, %v; want 1", n, err)
		}
		if _, err := db.SessionUser(t.Context(), long); err != nil {
			t.Errorf("the longer session: %v", err)
		}
		_, err = db.CreateSession(t.Context(), u.ID, 0)
		wantCode(t, "zero lifetime", err, domain.EINVALID, "")
		_, err = db.CreateSession(t.Context(), 999, time.Hour)
		wantCode(t, "unknown user", err, domain.ENOTFOUND, "")
	})
}

func TestSessionLastSeen(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, c *fixedClock) {
		secret := mustSession(t, db, mustUser(t, db, "ana@example.org"), time.Hour)
		lastSeen := func() time.Time {
			var got time.Time
			if err := db.Raw(t.Context(), "SELECT last_seen_at FROM sessions", &got); err != nil {
				t.Fatal(err)
			}
			return got
		}
		for _, tt := range []struct {
			after time.Duration
			want  time.Time
		}{
			{59 * time.Second, saveTime},             // too soon to write
			{time.Minute, saveTime.Add(time.Minute)}, // a minute after the last write
			{time.Minute + 30*time.Second, saveTime.Add(time.Minute)},
		} {
			c.set(saveTime.Add(tt.after))
			if _, err := db.SessionUser(t.Context(), secret); err != nil {
				t.Fatal(err)
			}
			if got := lastSeen(); !got.Equal(tt.want) {
				t.Errorf("after %v: last_seen_at %v, want %v", tt.after, got, tt.want)
			}
		}
	})
}

func TestSetPasswordEndsSessions(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		u := mustUser(t, db, "ana@example.org")
		other := mustUser(t, db, "ben@example.org")
		secret := mustSession(t, db, u, time.Hour)
		kept := mustSession(t, db, other, time.Hour)
		const newPassword = "a brand new passphrase"
		wantCode(t, "short password", db.SetPassword(t.Context(), u.ID, "short", "admin"), domain.EINVALID, "at least 12")
		wantCode(t, "unknown user", db.SetPassword(t.Context(), 999, newPassword, "admin"), domain.ENOTFOUND, "")
		if err := db.SetPassword(t.Context(), u.ID, newPassword, "admin"); err != nil {
			t.Fatal(err)
		}
		_, err := db.SessionUser(t.Context(), secret)
		wantCode(t, "session after a password reset", err, domain.EUNAUTHORIZED, "")
		if _, err := db.SessionUser(t.Context(), kept); err != nil {
			t.Errorf("another user's session: %v", err)
		}
		_, err = db.Authenticate(t.Context(), u.Email, goodPassword)
		wantCode(t, "old password", err, domain.EUNAUTHORIZED, "")
		if _, err := db.Authenticate(t.Context(), u.Email, newPassword); err != nil {
			t.Errorf("new password: %v", err)
		}
		a, _ := db.AccountAudit(t.Context(), u.Email)
		if len(a) != 2 || a[0].Old != "" || a[0].New != "" || a[0].Comment == "" {
			t.Errorf("AccountAudit = %+v, want the reset first, with a comment and no values", a)
		}
	})
}
