package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// touchEvery is how stale last_seen_at (sessions) and last_used_at (tokens)
// may get before a request writes them again: often enough to show
// activity, rarely enough that reading pages does not become writing.
const touchEvery = time.Minute

func errNoSession() error {
	return domain.Errorf(domain.EUNAUTHORIZED, "your session has expired or ended; sign in again")
}

// CreateSession starts a server-side session for a user, valid for ttl, and
// returns its secret for the cookie. Only the secret's hash is stored, so
// sessions can be ended (logout, password reset) and a copy of the
// database opens none. A disabled user gets EUNAUTHORIZED.
func (db *DB) CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, error) {
	if ttl <= 0 {
		return "", domain.Errorf(domain.EINVALID, "create session: the lifetime must be positive, got %v", ttl)
	}
	secret, err := newSecret("")
	if err != nil {
		return "", err
	}
	err = db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		u, err := findUser(tx, userID)
		if err != nil {
			return err
		}
		if u.Disabled {
			return domain.Errorf(domain.EUNAUTHORIZED, "user %q is disabled", u.Email)
		}
		row := sessionRow{ID: hashSecret(secret), UserID: userID, CreatedAt: now, ExpiresAt: now.Add(ttl), LastSeenAt: now}
		return tx.Create(&row).Error
	})
	if err != nil {
		return "", translate(err, fmt.Sprintf("create session for user %d", userID))
	}
	return secret, nil
}

type sessionUserView struct {
	User       userRow `gorm:"embedded"`
	ExpiresAt  time.Time
	LastSeenAt time.Time
}

// SessionUser returns the user of a session secret. An unknown or expired
// session, or a disabled user, is EUNAUTHORIZED. It records the session's
// last activity at most once a minute.
func (db *DB) SessionUser(ctx context.Context, secret string) (domain.User, error) {
	if secret == "" {
		return domain.User{}, errNoSession()
	}
	id := hashSecret(secret)
	var rows []sessionUserView
	err := db.reader.WithContext(ctx).Table("sessions s").
		Select("u.id, u.email, u.name, u.created_at, u.disabled, s.expires_at, s.last_seen_at").
		Joins("JOIN users u ON u.id = s.user_id").Where("s.id = ?", id).Limit(1).Find(&rows).Error
	if err != nil {
		return domain.User{}, translate(err, "read session")
	}
	now := db.clock()
	if len(rows) == 0 || !now.Before(rows[0].ExpiresAt) || rows[0].User.Disabled {
		return domain.User{}, errNoSession()
	}
	if now.Sub(rows[0].LastSeenAt) >= touchEvery {
		err := db.writer.WithContext(ctx).Model(&sessionRow{}).
			Where("id = ? AND last_seen_at <= ?", id, now.Add(-touchEvery)).Update("last_seen_at", now).Error
		if err != nil {
			return domain.User{}, translate(err, "record session activity")
		}
	}
	return userFromRow(rows[0].User), nil
}

// DeleteSession ends a session (logout). Ending an unknown one is no error.
func (db *DB) DeleteSession(ctx context.Context, secret string) error {
	err := db.writer.WithContext(ctx).Where("id = ?", hashSecret(secret)).Delete(&sessionRow{}).Error
	return translate(err, "end session")
}

// DeleteExpiredSessions removes the sessions past their expiry and returns
// how many there were. SessionUser already refuses them; this keeps the
// table small, e.g. from an hourly job.
func (db *DB) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	res := db.writer.WithContext(ctx).Where("expires_at <= ?", db.clock()).Delete(&sessionRow{})
	if res.Error != nil {
		return 0, translate(res.Error, "delete expired sessions")
	}
	return res.RowsAffected, nil
}
