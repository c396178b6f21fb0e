package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

func TestCreateUser(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, _ *fixedClock) {
		u, err := db.CreateUser(t.Context(), "  Ana.Lopez@Example.ORG ", " Ana López ", goodPassword, "admin@example.org")
		if err != nil {
			t.Fatal(err)
		}
		want := domain.User{ID: u.ID, Email: "ana.lopez@example.org", Name: "Ana López", CreatedAt: saveTime}
		if u != want || u.ID == 0 {
			t.Errorf("CreateUser = %+v, want %+v", u, want)
		}
		got, err := db.UserByEmail(t.Context(), "ANA.LOPEZ@example.org")
		if err != nil || got != want {
			t.Errorf("UserByEmail = %+v, %v; want %+v", got, err, want)
		}
		_, err = db.CreateUser(t.Context(), "ana.LOPEZ@example.org", "Other Ana", goodPassword, "admin@example.org")
		wantCode(t, "same email in other case", err, domain.ECONFLICT, `"ana.lopez@example.org" already exists`)

		a, err := db.AccountAudit(t.Context(), "Ana.Lopez@example.org")
		if err != nil || len(a) != 1 || a[0].Action != "create" || a[0].Actor != "admin@example.org" {
			t.Fatalf("AccountAudit = %+v, %v; want one create by admin@example.org", a, err)
		}
		if !strings.Contains(a[0].New, `"email":"ana.lopez@example.org"`) || strings.Contains(a[0].New, "argon2") {
			t.Errorf("audit new value %s: want the user without the password hash", a[0].New)
		}
	})
}

func TestCreateUserInvalid(t *testing.T) {
	db := storetest.SQLite(t)
	tests := []struct {
		name, email, pw, actor, want string
	}{
		{"no email", " ", goodPassword, "admin", "email: is required"},
		{"not an email", "ana at example.org", goodPassword, "admin", "is not an email address"},
		{"display name", "Ana <ana@example.org>", goodPassword, "admin", "is not an email address"},
		{"short password", "ana@example.org", "short", "admin", "at least 12 characters"},
		{"long password", "ana@example.org", strings.Repeat("p", 201), "admin", "at most 200 characters"},
		{"no actor", "ana@example.org", goodPassword, "", "an actor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.CreateUser(t.Context(), tt.email, "Ana", tt.pw, tt.actor)
			wantCode(t, "CreateUser", err, domain.EINVALID, tt.want)
		})
	}
	if _, err := db.UserByEmail(t.Context(), "ana@example.org"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("UserByEmail after refused creations: %v, want not found", err)
	}
}

func TestAuthenticate(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		ana := mustUser(t, db, "ana@example.org")
		ben := mustUser(t, db, "ben@example.org")
		if err := db.SetUserDisabled(t.Context(), ben.ID, true, "admin"); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, email, pw string
			ok              bool
		}{
			{"right", "ana@example.org", goodPassword, true},
			{"email in other case", " ANA@example.org", goodPassword, true},
			{"wrong password", "ana@example.org", goodPassword + "!", false},
			{"unknown email", "nobody@example.org", goodPassword, false},
			{"disabled user", "ben@example.org", goodPassword, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				u, err := db.Authenticate(t.Context(), tt.email, tt.pw)
				if tt.ok {
					if err != nil || u.ID != ana.ID {
						t.Errorf("Authenticate = %+v, %v; want ana", u, err)
					}
					return
				}
				wantCode(t, "Authenticate", err, domain.EUNAUTHORIZED, "")
				if err != nil && err.Error() != "wrong email or password" {
					t.Errorf("message %q, want exactly \"wrong email or password\"", err)
				}
			})
		}
	})
}

func TestSetUserDisabled(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		u := mustUser(t, db, "ana@example.org")
		secret, err := db.CreateSession(t.Context(), u.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetUserDisabled(t.Context(), u.ID, true, "admin"); err != nil {
			t.Fatal(err)
		}
		_, err = db.SessionUser(t.Context(), secret)
		wantCode(t, "session of a disabled user", err, domain.EUNAUTHORIZED, "")
		_, err = db.CreateSession(t.Context(), u.ID, time.Hour)
		wantCode(t, "new session for a disabled user", err, domain.EUNAUTHORIZED, "disabled")
		if err := db.SetUserDisabled(t.Context(), u.ID, false, "admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Authenticate(t.Context(), u.Email, goodPassword); err != nil {
			t.Errorf("Authenticate after enabling again: %v", err)
		}
		err = db.SetUserDisabled(t.Context(), 999, true, "admin")
		wantCode(t, "unknown user", err, domain.ENOTFOUND, "user 999")
		a, _ := db.AccountAudit(t.Context(), u.Email)
		if len(a) != 3 || !strings.Contains(a[1].New, `"disabled":true`) {
			t.Errorf("AccountAudit = %+v, want create, disable, enable", a)
		}
	})
}
