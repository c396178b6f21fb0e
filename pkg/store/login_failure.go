package store

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// loginFailureRetention is how long failed sign-ins are kept: the longest
// window LoginFailures can count over.
const loginFailureRetention = 24 * time.Hour

// maxFailureKeyLength bounds the stored key; longer keys (built from
// whatever was typed as an email) are stored as their hash.
const maxFailureKeyLength = 200

// RecordLoginFailure notes a failed sign-in under key, e.g. "account:" plus
// the email tried, or "address:" plus the client's IP. Failures are kept in
// the database so that every replica counts them; each call also deletes
// those older than a day.
func (db *DB) RecordLoginFailure(ctx context.Context, key string) error {
	if strings.TrimSpace(key) == "" {
		return domain.Errorf(domain.EINVALID, "record login failure: a key is required")
	}
	err := db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		if err := tx.Create(&loginFailureRow{Key: failureKey(key), At: now}).Error; err != nil {
			return err
		}
		return tx.Where("at < ?", now.Add(-loginFailureRetention)).Delete(&loginFailureRow{}).Error
	})
	return translate(err, "record login failure")
}

// DeleteOldLoginFailures removes the failed sign-ins older than
// loginFailureRetention and returns how many there were. RecordLoginFailure
// prunes them too, but only when a sign-in fails; this keeps the table from
// holding old addresses and emails for good once failures stop, e.g. from an
// hourly job.
func (db *DB) DeleteOldLoginFailures(ctx context.Context) (int64, error) {
	cutoff := db.clock().Add(-loginFailureRetention)
	res := db.writer.WithContext(ctx).Where("at < ?", cutoff).Delete(&loginFailureRow{})
	if res.Error != nil {
		return 0, translate(res.Error, "delete old login failures")
	}
	return res.RowsAffected, nil
}

// LoginFailures counts the failures recorded under key at or after since
// (at most a day back).
func (db *DB) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int64
	err := db.reader.WithContext(ctx).Model(&loginFailureRow{}).
		Where("key = ? AND at >= ?", failureKey(key), since.UTC().Truncate(time.Microsecond)).Count(&n).Error
	if err != nil {
		return 0, translate(err, "count login failures")
	}
	return int(n), nil
}

// AccountFailureKey is the key failed sign-ins to an account are recorded
// under; SetPassword clears it, so a reset ends a lockout.
func AccountFailureKey(email string) string {
	return "account:" + strings.ToLower(strings.TrimSpace(email))
}

// clearAccountFailures forgets the failed sign-ins to an account: after a
// password reset they were guesses at a password that no longer works, and
// counting them would keep its owner locked out with the new one.
// Failures per address stay: they may come from someone else.
func clearAccountFailures(tx *gorm.DB, email string) error {
	return tx.Where("key = ?", failureKey(AccountFailureKey(email))).Delete(&loginFailureRow{}).Error
}

func failureKey(key string) string {
	if len(key) <= maxFailureKeyLength {
		return key
	}
	return "sha256:" + hashSecret(key)
}
