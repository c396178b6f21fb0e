package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/impactboard/impactboard/pkg/domain"
)

// SaveResult counts the measurements and comparison figures a save added,
// changed and left as they were.
type SaveResult struct{ Added, Changed, Unchanged int }

// batchSize keeps multi-row INSERTs well under both databases' limits on
// bound parameters (13 columns × 500 rows).
const batchSize = 500

// SaveBundle validates b and writes it in one transaction: the partnership,
// partners, goals and indicators are upserted by slug, figures by their
// natural keys, and every create or update leaves an audit row by actor.
// Saving the same bundle twice writes nothing the second time.
//
// Nothing missing from b is deleted: a seed or import is additive, so a file
// holding part of a partnership (one indicator's new year) cannot wipe the
// rest, and a partner's contributions only grow. Deletions are explicit
// operations of their own.
func (db *DB) SaveBundle(ctx context.Context, b *domain.Bundle, actor string) (SaveResult, error) {
	if b == nil || strings.TrimSpace(actor) == "" {
		return SaveResult{}, domain.Errorf(domain.EINVALID, "save bundle: a bundle and an actor (who is saving, for the audit log) are required")
	}
	if err := b.Validate(); err != nil {
		return SaveResult{}, err
	}
	s := &saver{in: b, actor: actor}
	err := db.writer.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		s.tx, s.now = tx, db.clock()
		return s.run()
	})
	if err != nil {
		return SaveResult{}, translate(err, fmt.Sprintf("save partnership %q", b.Partnership.Slug))
	}
	return s.res, nil
}

// saver holds one SaveBundle transaction. Each step returns at the first
// error: after a failed statement the transaction may already be rolled
// back, and any further statement would run outside it.
type saver struct {
	tx    *gorm.DB
	now   time.Time // one clock reading for the whole transaction
	actor string
	in    *domain.Bundle
	old   *domain.Bundle // what the store held before
	ids   bundleIDs
	pid   int64
	isNew bool
	// changed says the partnership's own fields differ from the stored ones.
	changed bool
	order   map[string]int // indicator slug -> display rank, old and new
	audit   []auditRow
	res     SaveResult
}

func (s *saver) run() error {
	steps := []func() error{
		s.loadOld, s.auditPartnership, s.createPartnership, s.savePartners, s.saveGoals, s.saveIndicators,
		s.saveContributions, s.savePartnership, s.saveMeasurements, s.saveComparisons, s.writeAudit,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// loadOld reads the stored partnership, locking its row on PostgreSQL so
// two saves of one partnership run one after the other (SQLite's write
// transactions are exclusive anyway).
func (s *saver) loadOld() error {
	var rows []partnershipRow
	err := s.tx.Clauses(clause.Locking{Strength: "UPDATE"}).
		Where("slug = ?", s.in.Partnership.Slug).Limit(1).Find(&rows).Error
	if err != nil {
		return err
	}
	s.old, s.ids, s.isNew = &domain.Bundle{}, bundleIDs{newIDs(), newIDs(), newIDs()}, len(rows) == 0
	if !s.isNew {
		s.pid = rows[0].ID
		if s.old, s.ids, err = loadBundle(s.tx, rows[0]); err != nil {
			return err
		}
	}
	s.order = indicatorOrder(s.old.Indicators, s.in.Indicators)
	return nil
}

// createPartnership inserts a new partnership without its backbone, which
// can only be referenced once the partners exist (savePartnership).
func (s *saver) createPartnership() error {
	if !s.isNew {
		return nil
	}
	row := partnershipToRow(s.in.Partnership, 0, nil)
	if err := s.tx.Create(&row).Error; err != nil {
		return err
	}
	s.pid = row.ID
	return nil
}

// auditPartnership compares the partnership's own fields; it comes first
// so the audit log lists the partnership before its parts.
func (s *saver) auditPartnership() error {
	p, old := s.in.Partnership, s.old.Partnership
	p.ID, old.ID = 0, 0
	same, err := s.record("partnership", p.Slug, !s.isNew, old, p)
	s.changed = !same
	return err
}

// savePartnership writes the partnership's fields and its backbone, once
// the backbone partner exists.
func (s *saver) savePartnership() error {
	p := s.in.Partnership
	if !s.changed || (s.isNew && p.Backbone == "") {
		return nil // nothing new, or createPartnership wrote it all
	}
	row := partnershipToRow(p, s.pid, s.ids.partners.ref(p.Backbone))
	return update(s.tx, &row)
}

// record compares old and new as JSON; when they differ it queues an audit
// row (create when !exists) and reports false.
func (s *saver) record(entity, key string, exists bool, old, new any) (same bool, err error) {
	newJSON, err := toJSON(new)
	if err != nil {
		return false, fmt.Errorf("%s %s: %w", entity, key, err)
	}
	oldJSON, action := "", "create"
	if exists {
		if oldJSON, err = toJSON(old); err != nil {
			return false, fmt.Errorf("%s %s: %w", entity, key, err)
		}
		if oldJSON == newJSON {
			return true, nil
		}
		action = "update"
	}
	s.audit = append(s.audit, auditRow{
		Entity: entity, EntityKey: key, Action: action,
		OldValue: oldJSON, NewValue: newJSON, Actor: s.actor, At: s.now,
	})
	return false, nil
}

func (s *saver) writeAudit() error {
	if len(s.audit) == 0 {
		return nil
	}
	for i := range s.audit {
		s.audit[i].PartnershipID = s.pid // unknown when a new partnership was audited
	}
	return s.tx.CreateInBatches(&s.audit, batchSize).Error
}

// update writes every column of row by its primary key and insists that the
// row was there.
func update(tx *gorm.DB, row any) error {
	res := tx.Select("*").Updates(row)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return fmt.Errorf("update %T: %d rows changed, want 1", row, res.RowsAffected)
	}
	return nil
}
