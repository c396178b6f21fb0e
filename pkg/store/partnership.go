package store

import (
	"context"
	"database/sql"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// readTx runs fn in a read-only transaction on the read pool, so every query
// of a page sees the same committed state even while a save commits.
func (db *DB) readTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.dialect == DialectPostgres {
		// Read committed would give each statement its own snapshot.
		opts.Isolation = sql.LevelRepeatableRead
	}
	return db.reader.WithContext(ctx).Transaction(fn, opts)
}

type partnershipView struct {
	Row          partnershipRow `gorm:"embedded"`
	BackboneSlug *string
}

// ListPartnerships returns every partnership, ordered by name.
func (db *DB) ListPartnerships(ctx context.Context) ([]domain.Partnership, error) {
	var rows []partnershipView
	err := db.reader.WithContext(ctx).Table("partnerships p").
		Select("p.*, b.slug AS backbone_slug").
		Joins("LEFT JOIN partners b ON b.id = p.backbone_partner_id").
		Order("p.name, p.slug").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "list partnerships")
	}
	out := make([]domain.Partnership, len(rows))
	for i, r := range rows {
		backbone := ""
		if r.BackboneSlug != nil {
			backbone = *r.BackboneSlug
		}
		out[i] = partnershipFromRow(r.Row, backbone)
	}
	return out, nil
}

// Empty reports whether the store holds no partnership yet, e.g. to decide
// whether to load the sample data.
func (db *DB) Empty(ctx context.Context) (bool, error) {
	var ids []int64
	err := db.reader.WithContext(ctx).Model(&partnershipRow{}).Limit(1).Pluck("id", &ids).Error
	if err != nil {
		return false, translate(err, "check for partnerships")
	}
	return len(ids) == 0, nil
}

// findPartnership returns the row of slug, or ENOTFOUND.
func findPartnership(tx *gorm.DB, slug string) (partnershipRow, error) {
	row, ok, err := lookupPartnership(tx, slug)
	if err == nil && !ok {
		err = domain.Errorf(domain.ENOTFOUND, "partnership %q not found", slug)
	}
	return row, err
}

// lookupPartnership returns the row of slug and whether it exists.
func lookupPartnership(tx *gorm.DB, slug string) (partnershipRow, bool, error) {
	var rows []partnershipRow
	if err := tx.Where("slug = ?", slug).Limit(1).Find(&rows).Error; err != nil {
		return partnershipRow{}, false, err
	}
	if len(rows) == 0 {
		return partnershipRow{}, false, nil
	}
	return rows[0], true, nil
}
