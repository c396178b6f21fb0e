package store

import (
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Row structs of migrations/*/0004_accounts.sql.

type userRow struct {
	ID           int64
	Email        string
	Name         string
	PasswordHash string
	CreatedAt    time.Time
	Disabled     bool
}

func (userRow) TableName() string { return "users" }

func userFromRow(r userRow) domain.User {
	return domain.User{ID: r.ID, Email: r.Email, Name: r.Name, CreatedAt: r.CreatedAt.UTC(), Disabled: r.Disabled}
}

type membershipRow struct {
	UserID        int64 `gorm:"primaryKey;autoIncrement:false"`
	PartnershipID int64 `gorm:"primaryKey;autoIncrement:false"`
	Role          string
	PartnerID     *int64
}

func (membershipRow) TableName() string { return "memberships" }

// sessionRow's ID is the SHA-256 of the secret in the user's cookie.
type sessionRow struct {
	ID         string `gorm:"primaryKey"`
	UserID     int64
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastSeenAt time.Time
}

func (sessionRow) TableName() string { return "sessions" }

type tokenRow struct {
	ID            int64
	UserID        int64
	PartnershipID int64
	Name          string
	TokenHash     string
	CreatedAt     time.Time
	LastUsedAt    *time.Time
	RevokedAt     *time.Time
}

func (tokenRow) TableName() string { return "api_tokens" }

func tokenFromRow(r tokenRow, partnership string) domain.Token {
	return domain.Token{
		ID: r.ID, UserID: r.UserID, Partnership: partnership, Name: r.Name, CreatedAt: r.CreatedAt.UTC(),
		LastUsedAt: utcPtr(r.LastUsedAt), RevokedAt: utcPtr(r.RevokedAt),
	}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

type loginFailureRow struct {
	ID  int64
	Key string
	At  time.Time
}

func (loginFailureRow) TableName() string { return "login_failures" }

// accountAuditRow is an audit row of a change that belongs to no
// partnership, such as creating a user; audit_log rows need one.
type accountAuditRow struct {
	ID        int64
	Entity    string
	EntityKey string
	Action    string
	OldValue  string
	NewValue  string
	Actor     string
	At        time.Time
	Comment   string
}

func (accountAuditRow) TableName() string { return "account_audit" }
