package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Snapshots are immutable: the store can create, list and read them, and
// has no method that updates or deletes one. The checksum is computed here
// from the bytes being stored, so it always describes what the row holds.

const (
	maxSnapshotTitle = 200
	maxSnapshotNote  = 2000
)

// snapshotIDPattern is 16 random bytes in hex (see pkg/snapshot.NewID).
var snapshotIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

type snapshotRow struct {
	ID             string
	PartnershipID  int64
	Title          string
	Note           string
	CreatedByID    *int64
	CreatedByName  string
	CreatedByEmail string
	CreatedAt      time.Time
	SHA256         string `gorm:"column:sha256"`
	Content        []byte
}

func (snapshotRow) TableName() string { return "snapshots" }

// snapshotView is a row without its content, plus what lists show.
type snapshotView struct {
	ID              string
	Title           string
	Note            string
	CreatedByID     *int64
	CreatedByName   string
	CreatedByEmail  string
	CreatedAt       time.Time
	SHA256          string `gorm:"column:sha256"`
	Size            int64
	PartnershipSlug string
}

const snapshotColumns = `s.id, s.title, s.note, s.created_by_id, s.created_by_name, s.created_by_email,
	s.created_at, s.sha256, LENGTH(s.content) AS size, p.slug AS partnership_slug`

func (v snapshotView) snapshot() domain.Snapshot {
	by := domain.Author{Name: v.CreatedByName, Email: v.CreatedByEmail}
	if v.CreatedByID != nil {
		by.UserID = *v.CreatedByID
	}
	return domain.Snapshot{
		ID: v.ID, Partnership: v.PartnershipSlug, Title: v.Title, Note: v.Note, CreatedBy: by,
		CreatedAt: v.CreatedAt.UTC(), SHA256: v.SHA256, Size: v.Size,
	}
}

// CreateSnapshot stores a snapshot's content under s.ID in s.Partnership,
// with s's title, note, author and time, and records it in the audit log.
// It returns the stored description, with the SHA-256 of content. The
// caller builds the content (pkg/snapshot) and picks the id and time, since
// both are part of the content.
func (db *DB) CreateSnapshot(ctx context.Context, s domain.Snapshot, content []byte, actor string) (domain.Snapshot, error) {
	s.Title, s.Note = strings.TrimSpace(s.Title), strings.TrimSpace(s.Note)
	if err := checkSnapshot(s, content, actor); err != nil {
		return domain.Snapshot{}, err
	}
	sum := sha256.Sum256(content)
	s.SHA256, s.Size, s.CreatedAt = hex.EncodeToString(sum[:]), int64(len(content)), s.CreatedAt.UTC()
	err := db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		p, err := findPartnership(tx, s.Partnership)
		if err != nil {
			return err
		}
		row := snapshotRow{ID: s.ID, PartnershipID: p.ID, Title: s.Title, Note: s.Note,
			CreatedByName: s.CreatedBy.Name, CreatedByEmail: s.CreatedBy.Email,
			CreatedAt: s.CreatedAt, SHA256: s.SHA256, Content: content}
		if s.CreatedBy.UserID != 0 {
			row.CreatedByID = &s.CreatedBy.UserID
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		trail := auditTrail{pid: p.ID, actor: actor, now: now}
		if err := trail.add("snapshot", s.ID, "create", nil, s); err != nil {
			return err
		}
		return trail.write(tx)
	})
	if err != nil {
		return domain.Snapshot{}, translate(err, fmt.Sprintf("create snapshot in %q", s.Partnership))
	}
	return s, nil
}

func checkSnapshot(s domain.Snapshot, content []byte, actor string) error {
	if err := requireActor(actor, "create snapshot"); err != nil {
		return err
	}
	var errs []domain.FieldError
	bad := func(field, msg string) { errs = append(errs, domain.FieldError{Field: field, Message: msg}) }
	switch {
	case s.Title == "":
		bad("title", "is required (e.g. \"March 2026 board packet\")")
	case utf8.RuneCountInString(s.Title) > maxSnapshotTitle:
		bad("title", fmt.Sprintf("must be at most %d characters long", maxSnapshotTitle))
	}
	if utf8.RuneCountInString(s.Note) > maxSnapshotNote {
		bad("note", fmt.Sprintf("must be at most %d characters long", maxSnapshotNote))
	}
	if !snapshotIDPattern.MatchString(s.ID) {
		bad("id", "must be 32 lowercase hex digits")
	}
	if len(content) == 0 || s.CreatedAt.IsZero() {
		bad("content", "is empty or has no time")
	}
	return domain.Invalid("invalid snapshot", errs)
}

// ListSnapshots returns a partnership's snapshots, newest first, without
// their content.
func (db *DB) ListSnapshots(ctx context.Context, partnership string) ([]domain.Snapshot, error) {
	var rows []snapshotView
	err := db.readTx(ctx, func(tx *gorm.DB) error {
		p, err := findPartnership(tx, partnership)
		if err != nil {
			return err
		}
		return tx.Table("snapshots s").Select(snapshotColumns).Joins("JOIN partnerships p ON p.id = s.partnership_id").
			Where("s.partnership_id = ?", p.ID).Order("s.created_at DESC, s.id").Find(&rows).Error
	})
	if err != nil {
		return nil, translate(err, fmt.Sprintf("list snapshots of %q", partnership))
	}
	out := make([]domain.Snapshot, len(rows))
	for i, r := range rows {
		out[i] = r.snapshot()
	}
	return out, nil
}

// SnapshotInfo returns the description of snapshot id without its
// content, e.g. to find which partnership it belongs to.
func (db *DB) SnapshotInfo(ctx context.Context, id string) (domain.Snapshot, error) {
	var rows []snapshotView
	err := db.reader.WithContext(ctx).Table("snapshots s").Select(snapshotColumns).
		Joins("JOIN partnerships p ON p.id = s.partnership_id").Where("s.id = ?", id).Limit(1).Find(&rows).Error
	if err != nil {
		return domain.Snapshot{}, translate(err, "read snapshot")
	}
	if len(rows) == 0 {
		return domain.Snapshot{}, domain.Errorf(domain.ENOTFOUND, "snapshot %q not found", id)
	}
	return rows[0].snapshot(), nil
}

// Snapshot returns the description and the stored content of snapshot id.
// The content is returned as stored; callers that serve it check it
// against the checksum (pkg/snapshot.Verify).
func (db *DB) Snapshot(ctx context.Context, id string) (domain.Snapshot, []byte, error) {
	var s domain.Snapshot
	var content []byte
	err := db.readTx(ctx, func(tx *gorm.DB) error {
		var rows []snapshotView
		err := tx.Table("snapshots s").Select(snapshotColumns).Joins("JOIN partnerships p ON p.id = s.partnership_id").
			Where("s.id = ?", id).Limit(1).Find(&rows).Error
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return domain.Errorf(domain.ENOTFOUND, "snapshot %q not found", id)
		}
		s = rows[0].snapshot()
		var contents [][]byte
		if err := tx.Model(&snapshotRow{}).Where("id = ?", id).Pluck("content", &contents).Error; err != nil || len(contents) == 0 {
			return err
		}
		content = contents[0]
		return nil
	})
	if err != nil {
		return domain.Snapshot{}, nil, translate(err, "read snapshot")
	}
	return s, content, nil
}
