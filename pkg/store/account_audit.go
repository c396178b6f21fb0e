package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// addAccountAudit writes row with old and new as JSON (nil: none). They
// must never hold a password hash or a secret: domain.User has neither.
func addAccountAudit(tx *gorm.DB, row accountAuditRow, old, new any) error {
	var err error
	if row.OldValue, row.NewValue, err = auditJSON(old, new); err != nil {
		return err
	}
	return tx.Create(&row).Error
}

// AccountAudit returns the history of account changes that belong to no
// partnership (users created, disabled, passwords changed), newest first,
// of one user's email ("" for all). Memberships and tokens are in their
// partnership's Audit under "membership" and "token".
func (db *DB) AccountAudit(ctx context.Context, email string) ([]domain.AuditEntry, error) {
	q := db.reader.WithContext(ctx).Where("entity = ?", "user")
	if email != "" {
		q = q.Where("entity_key = ?", normalizeEmail(email))
	}
	var rows []accountAuditRow
	if err := q.Order("at DESC, id DESC").Find(&rows).Error; err != nil {
		return nil, translate(err, "read account history")
	}
	out := make([]domain.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = domain.AuditEntry{ID: r.ID, Entity: r.Entity, Key: r.EntityKey, Action: r.Action,
			Old: r.OldValue, New: r.NewValue, Actor: r.Actor, At: r.At.UTC(), Comment: r.Comment}
	}
	return out, nil
}
