package store

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/impactboard/impactboard/pkg/domain"
)

// inWriteTx runs fn in one write transaction, with one clock reading for
// everything it records. fn must return at the first error: after a failed
// statement the transaction may already be rolled back (see SaveBundle).
func (db *DB) inWriteTx(ctx context.Context, fn func(tx *gorm.DB, now time.Time) error) error {
	now := db.clock()
	return db.writer.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return fn(tx, now) })
}

// lockPartnership returns the partnership's row, locked on PostgreSQL so
// that writes to one partnership's data run one after another, as
// SaveBundle's do.
func lockPartnership(tx *gorm.DB, slug string) (partnershipRow, error) {
	var rows []partnershipRow
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("slug = ?", slug).Limit(1).Find(&rows).Error
	if err != nil {
		return partnershipRow{}, err
	}
	if len(rows) == 0 {
		return partnershipRow{}, domain.Errorf(domain.ENOTFOUND, "partnership %q not found", slug)
	}
	return rows[0], nil
}

// requireActor refuses a write nobody would be accountable for.
func requireActor(actor, what string) error {
	if strings.TrimSpace(actor) == "" {
		return domain.Errorf(domain.EINVALID, "%s: an actor (who is making the change, for the audit log) is required", what)
	}
	return nil
}

// auditTrail collects the audit rows of one transaction in one partnership.
type auditTrail struct {
	pid     int64
	actor   string
	now     time.Time
	comment string
	rows    []auditRow
}

// add queues a row; old and new are stored as JSON, nil as "". They must
// never hold a password hash or a secret.
func (a *auditTrail) add(entity, key, action string, old, new any) error {
	oldJSON, newJSON, err := auditJSON(old, new)
	if err != nil {
		return err
	}
	a.rows = append(a.rows, auditRow{
		PartnershipID: a.pid, Entity: entity, EntityKey: key, Action: action,
		OldValue: oldJSON, NewValue: newJSON, Actor: a.actor, At: a.now, Comment: a.comment,
	})
	return nil
}

func (a *auditTrail) write(tx *gorm.DB) error {
	if len(a.rows) == 0 {
		return nil
	}
	return tx.CreateInBatches(&a.rows, batchSize).Error
}

func auditJSON(old, new any) (string, string, error) {
	var out [2]string
	for i, v := range []any{old, new} {
		if v == nil {
			continue
		}
		s, err := toJSON(v)
		if err != nil {
			return "", "", err
		}
		out[i] = s
	}
	return out[0], out[1], nil
}
