package store

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Bounds on a user's fields.
const (
	maxEmailLength = 254 // RFC 5321's limit on a forward path
	maxNameLength  = 200
)

// CreateUser adds a user who signs in with email and password. The email
// is stored lowercased, so it is unique whatever its case. A bad email,
// name or password is EINVALID; an email already taken is ECONFLICT.
func (db *DB) CreateUser(ctx context.Context, email, name, password, actor string) (domain.User, error) {
	email, name = normalizeEmail(email), strings.TrimSpace(name)
	if err := checkNewUser(email, name, password, actor); err != nil {
		return domain.User{}, err
	}
	// Hash before the transaction: it takes a tenth of a second, and
	// SQLite's single writer would wait for it.
	hash, err := HashPassword(password)
	if err != nil {
		return domain.User{}, err
	}
	row := userRow{Email: email, Name: name, PasswordHash: hash}
	err = db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		row.CreatedAt = now
		if err := tx.Create(&row).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
			return domain.Errorf(domain.ECONFLICT, "a user with email %q already exists", email)
		} else if err != nil {
			return err
		}
		return addAccountAudit(tx, accountAuditRow{Entity: "user", EntityKey: email, Action: "create", Actor: actor, At: now}, nil, userFromRow(row))
	})
	if err != nil {
		return domain.User{}, translate(err, fmt.Sprintf("create user %q", email))
	}
	return userFromRow(row), nil
}

func normalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

func checkNewUser(email, name, password, actor string) error {
	if err := requireActor(actor, "create user"); err != nil {
		return err
	}
	var errs []domain.FieldError
	if msg := emailProblem(email); msg != "" {
		errs = append(errs, domain.FieldError{Field: "email", Message: msg})
	}
	if utf8.RuneCountInString(name) > maxNameLength {
		errs = append(errs, domain.FieldError{Field: "name", Message: fmt.Sprintf("must be at most %d characters long", maxNameLength)})
	}
	var pwErr *domain.Error
	if errors.As(CheckPasswordRules(password), &pwErr) {
		errs = append(errs, pwErr.Fields...)
	}
	return domain.Invalid("invalid user", errs)
}

// emailProblem says what is wrong with a normalized email, "" if nothing.
func emailProblem(email string) string {
	switch {
	case email == "":
		return "is required"
	case len(email) > maxEmailLength:
		return fmt.Sprintf("must be at most %d characters long", maxEmailLength)
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" || !strings.Contains(email, "@") {
		return fmt.Sprintf("%q is not an email address (like name@example.org)", email)
	}
	return ""
}

// SetPassword replaces a user's password (an admin's reset, or the user's
// own change) and ends all of the user's sessions, so whoever knew the old
// password is signed out. It also clears the account's failed sign-ins,
// so that a reset ends a lockout (the lockout message says to ask for one). API tokens are left alone: they are separate
// credentials, revoked one by one.
func (db *DB) SetPassword(ctx context.Context, userID int64, password, actor string) error {
	if err := requireActor(actor, "set password"); err != nil {
		return err
	}
	if err := CheckPasswordRules(password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	err = db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		u, err := findUser(tx, userID)
		if err != nil {
			return err
		}
		if err := tx.Model(&userRow{}).Where("id = ?", userID).Update("password_hash", hash).Error; err != nil {
			return err
		}
		if err := tx.Where("user_id = ?", userID).Delete(&sessionRow{}).Error; err != nil {
			return err
		}
		if err := clearAccountFailures(tx, u.Email); err != nil {
			return err
		}
		return addAccountAudit(tx, accountAuditRow{Entity: "user", EntityKey: u.Email, Action: "update",
			Actor: actor, At: now, Comment: "password changed; sessions and failed sign-ins cleared"}, nil, nil)
	})
	return translate(err, fmt.Sprintf("set password of user %d", userID))
}

// SetUserDisabled disables a user (who then cannot sign in or use a token,
// and whose sessions end) or enables them again.
func (db *DB) SetUserDisabled(ctx context.Context, userID int64, disabled bool, actor string) error {
	if err := requireActor(actor, "disable user"); err != nil {
		return err
	}
	err := db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		old, err := findUser(tx, userID)
		if err != nil || old.Disabled == disabled {
			return err
		}
		if err := tx.Model(&userRow{}).Where("id = ?", userID).Update("disabled", disabled).Error; err != nil {
			return err
		}
		if err := tx.Where("user_id = ?", userID).Delete(&sessionRow{}).Error; err != nil {
			return err
		}
		updated := old
		updated.Disabled = disabled
		return addAccountAudit(tx, accountAuditRow{Entity: "user", EntityKey: old.Email, Action: "update", Actor: actor, At: now},
			userFromRow(old), userFromRow(updated))
	})
	return translate(err, fmt.Sprintf("disable user %d", userID))
}

// UserByEmail returns the user with that email, in any case; ENOTFOUND if
// there is none.
func (db *DB) UserByEmail(ctx context.Context, email string) (domain.User, error) {
	email = normalizeEmail(email)
	row, ok, err := userRowByEmail(db.reader.WithContext(ctx), email)
	if err == nil && !ok {
		err = domain.Errorf(domain.ENOTFOUND, "no user with email %q", email)
	}
	if err != nil {
		return domain.User{}, translate(err, "find user")
	}
	return userFromRow(row), nil
}

// Authenticate returns the user whose email and password these are. An
// unknown email, a wrong password and a disabled user all get the same
// EUNAUTHORIZED "wrong email or password", and an unknown email is checked
// against a dummy hash, so neither the answer nor its timing tells which
// emails have accounts. Callers rate-limit with RecordLoginFailure and
// LoginFailures.
func (db *DB) Authenticate(ctx context.Context, email, password string) (domain.User, error) {
	row, found, err := userRowByEmail(db.reader.WithContext(ctx), normalizeEmail(email))
	if err != nil {
		return domain.User{}, translate(err, "sign in")
	}
	hash := dummyHash
	if found {
		hash = row.PasswordHash
	}
	if ok := CheckPassword(hash, password); !ok || !found || row.Disabled {
		return domain.User{}, domain.Errorf(domain.EUNAUTHORIZED, "wrong email or password")
	}
	return userFromRow(row), nil
}

func userRowByEmail(tx *gorm.DB, email string) (userRow, bool, error) {
	var rows []userRow
	if err := tx.Where("email = ?", email).Limit(1).Find(&rows).Error; err != nil || len(rows) == 0 {
		return userRow{}, false, err
	}
	return rows[0], true, nil
}

// findUser returns the user's row, or ENOTFOUND.
func findUser(tx *gorm.DB, id int64) (userRow, error) {
	var rows []userRow
	if err := tx.Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return userRow{}, err
	}
	if len(rows) == 0 {
		return userRow{}, domain.Errorf(domain.ENOTFOUND, "user %d not found", id)
	}
	return rows[0], nil
}
