package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Audit returns the audit history of one partnership, newest first: of one
// entity ("measurement", "indicator", ...; "" for all) and one natural key
// ("" for all keys, e.g. "hs-graduation-4yr/2019//" for one measurement).
func (db *DB) Audit(ctx context.Context, partnership, entity, key string) ([]domain.AuditEntry, error) {
	var rows []auditRow
	err := db.readTx(ctx, func(tx *gorm.DB) error {
		p, err := findPartnership(tx, partnership)
		if err != nil {
			return err
		}
		q := tx.Where("partnership_id = ?", p.ID)
		if entity != "" {
			q = q.Where("entity = ?", entity)
		}
		if key != "" {
			q = q.Where("entity_key = ?", key)
		}
		return q.Order("at DESC, id DESC").Find(&rows).Error
	})
	if err != nil {
		return nil, translate(err, fmt.Sprintf("read audit history of %q", partnership))
	}
	out := make([]domain.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = auditFromRow(r, partnership)
	}
	return out, nil
}
