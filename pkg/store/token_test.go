package store_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

func mustToken(t *testing.T, db *store.DB, u domain.User, partnership, name string) (string, domain.Token) {
	t.Helper()
	secret, tok, err := db.CreateToken(t.Context(), u.ID, partnership, name, u.Email)
	if err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	return secret, tok
}

func TestTokens(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, c *fixedClock) {
		mustSave(t, db, sampleBundle("tokens"), "seed")
		u := mustUser(t, db, "ana@example.org")
		mustMember(t, db, u, "tokens", domain.RoleEditor, "")
		secret, tok := mustToken(t, db, u, "tokens", " district import ")
		want := domain.Token{ID: tok.ID, UserID: u.ID, Partnership: "tokens", Name: "district import", CreatedAt: saveTime}
		if !strings.HasPrefix(secret, "ib_") || len(secret) < 46 || !reflect.DeepEqual(tok, want) {
			t.Errorf("CreateToken = %q, %+v; want ib_ and 43 characters, %+v", secret, tok, want)
		}
		c.set(saveTime.Add(time.Hour))
		gotUser, gotTok, err := db.TokenUser(t.Context(), secret)
		if err != nil || gotUser.ID != u.ID || gotTok.Partnership != "tokens" || gotTok.LastUsedAt == nil ||
			!gotTok.LastUsedAt.Equal(saveTime.Add(time.Hour)) {
			t.Fatalf("TokenUser = %+v, %+v, %v; want ana's token, used now", gotUser, gotTok, err)
		}
		if hashes := mustStrings(t, db, "SELECT token_hash FROM api_tokens"); !slices.Equal(hashes, []string{sha256Hex(secret)}) {
			t.Errorf("stored token hashes %q, want only the SHA-256 of the secret", hashes)
		}
		list, err := db.Tokens(t.Context(), u.ID)
		if err != nil || len(list) != 1 || list[0].Name != "district import" || list[0].LastUsedAt == nil {
			t.Errorf("Tokens = %+v, %v; want the one token, used", list, err)
		}
		for _, bad := range []string{"", "ib_", secret[3:], secret + "x", sha256Hex(secret)} {
			_, _, err := db.TokenUser(t.Context(), bad)
			wantCode(t, "TokenUser("+bad+")", err, domain.EUNAUTHORIZED, "unknown or revoked")
		}
		checkNoSecrets(t, db, secret)
	})
}

func TestCreateTokenRefused(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("mine"), "seed")
		mustSave(t, db, sampleBundle("theirs"), "seed")
		u := mustUser(t, db, "ana@example.org")
		mustMember(t, db, u, "mine", domain.RoleViewer, "")
		tests := []struct {
			name, partnership, tokenName, code, want string
		}{
			{"not a member", "theirs", "script", domain.EFORBIDDEN, `not a member of partnership "theirs"`},
			{"unknown partnership", "nowhere", "script", domain.ENOTFOUND, `"nowhere" not found`},
			{"no name", "mine", "  ", domain.EINVALID, "name: is required"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := db.CreateToken(t.Context(), u.ID, tt.partnership, tt.tokenName, u.Email)
				wantCode(t, "CreateToken", err, tt.code, tt.want)
			})
		}
		if list, _ := db.Tokens(t.Context(), u.ID); len(list) != 0 {
			t.Errorf("Tokens = %+v after refusals, want none", list)
		}
	})
}

func TestRevokeToken(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("revoke"), "seed")
		ana, ben := mustUser(t, db, "ana@example.org"), mustUser(t, db, "ben@example.org")
		mustMember(t, db, ana, "revoke", domain.RoleContributor, "school-district")
		mustMember(t, db, ben, "revoke", domain.RoleAdmin, "")
		secret, tok := mustToken(t, db, ana, "revoke", "script")
		_, other := mustToken(t, db, ana, "revoke", "other script")

		err := db.RevokeToken(t.Context(), ben.ID, tok.ID, ben.Email)
		wantCode(t, "another user's token", err, domain.ENOTFOUND, "not found")
		if _, _, err := db.TokenUser(t.Context(), secret); err != nil {
			t.Fatalf("token after a refused revocation: %v", err)
		}
		if err := db.RevokeToken(t.Context(), ana.ID, tok.ID, ana.Email); err != nil {
			t.Fatal(err)
		}
		_, _, err = db.TokenUser(t.Context(), secret)
		wantCode(t, "revoked token", err, domain.EUNAUTHORIZED, "unknown or revoked")
		if err := db.RevokeToken(t.Context(), ana.ID, tok.ID, ana.Email); err != nil {
			t.Errorf("revoking twice: %v, want nil", err)
		}
		if err := db.RevokeToken(t.Context(), 0, other.ID, ben.Email); err != nil {
			t.Errorf("admin revocation (user 0): %v", err)
		}
		list, _ := db.Tokens(t.Context(), ana.ID)
		if len(list) != 2 || list[0].RevokedAt == nil || list[1].RevokedAt == nil {
			t.Errorf("Tokens = %+v, want both revoked", list)
		}
		a := mustAudit(t, db, "revoke", "token", "")
		if len(a) != 4 || a[0].Action != "update" || a[0].Actor != ben.Email || !strings.Contains(a[0].New, `"revoked_at"`) {
			t.Errorf("token audit = %+v, want 2 creates and 2 revocations, the admin's last", a)
		}
		checkNoSecrets(t, db, secret)
	})
}

// checkNoSecrets looks for a secret, or any password hash, in every value
// of both audit tables.
func checkNoSecrets(t *testing.T, db *store.DB, secret string) {
	t.Helper()
	for _, q := range []string{
		"SELECT old_value || new_value || comment FROM audit_log",
		"SELECT old_value || new_value || comment FROM account_audit",
	} {
		for _, v := range mustStrings(t, db, q) {
			if strings.Contains(v, secret) || strings.Contains(v, sha256Hex(secret)) || strings.Contains(v, "argon2") {
				t.Errorf("audit value %s holds a secret, its hash or a password hash", v)
			}
		}
	}
}
