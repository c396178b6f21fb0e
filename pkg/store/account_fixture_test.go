package store_test

import (
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

// mustUser creates a user with goodPassword.
func mustUser(t *testing.T, db *store.DB, email string) domain.User {
	t.Helper()
	u, err := db.CreateUser(t.Context(), email, "User "+email, goodPassword, "admin@example.org")
	if err != nil {
		t.Fatalf("CreateUser(%q): %v", email, err)
	}
	return u
}

// mustMember gives u a role in a partnership.
func mustMember(t *testing.T, db *store.DB, u domain.User, partnership string, role domain.Role, partner string) {
	t.Helper()
	m := domain.Membership{UserID: u.ID, Partnership: partnership, Role: role, Partner: partner}
	if err := db.SetMembership(t.Context(), m, "admin@example.org"); err != nil {
		t.Fatalf("SetMembership(%+v): %v", m, err)
	}
}

// wantCode fails the test unless err has the code and, if given, contains
// the text.
func wantCode(t *testing.T, what string, err error, code, text string) {
	t.Helper()
	if got := domain.ErrorCode(err); got != code {
		t.Errorf("%s: code %q (%v), want %q", what, got, err, code)
	} else if err != nil && !strings.Contains(err.Error(), text) {
		t.Errorf("%s: %q, want it to mention %q", what, err, text)
	}
}
