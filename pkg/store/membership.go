package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Member is a user with their role in one partnership. Partner is the
// organization a contributor enters data for.
type Member struct {
	domain.User
	Role    domain.Role `json:"role"`
	Partner string      `json:"partner,omitempty"`
}

// SetMembership gives a user a role in a partnership, or changes it. A
// contributor must name a partner of that partnership, and no other role
// may. Setting what is already there changes nothing.
func (db *DB) SetMembership(ctx context.Context, m domain.Membership, actor string) error {
	if err := checkMembership(m, actor); err != nil {
		return err
	}
	err := db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		p, err := findPartnership(tx, m.Partnership)
		if err != nil {
			return err
		}
		u, err := findUser(tx, m.UserID)
		if err != nil {
			return err
		}
		row := membershipRow{UserID: m.UserID, PartnershipID: p.ID, Role: string(m.Role)}
		if row.PartnerID, err = partnerRef(tx, p.ID, m); err != nil {
			return err
		}
		trail := auditTrail{pid: p.ID, actor: actor, now: now}
		if err := saveMembership(tx, row, m, &trail, u.Email); err != nil {
			return err
		}
		return trail.write(tx)
	})
	return translate(err, fmt.Sprintf("set membership of user %d in %q", m.UserID, m.Partnership))
}

func checkMembership(m domain.Membership, actor string) error {
	if err := requireActor(actor, "set membership"); err != nil {
		return err
	}
	var errs []domain.FieldError
	roles := make([]string, len(domain.Roles))
	for i, r := range domain.Roles {
		roles[i] = string(r)
	}
	switch {
	case !m.Role.Valid():
		errs = append(errs, domain.FieldError{Field: "role", Message: fmt.Sprintf("%q is not one of %s", m.Role, strings.Join(roles, ", "))})
	case m.Role == domain.RoleContributor && m.Partner == "":
		errs = append(errs, domain.FieldError{Field: "partner", Message: "a contributor names the partner whose data they enter"})
	case m.Role != domain.RoleContributor && m.Partner != "":
		errs = append(errs, domain.FieldError{Field: "partner", Message: fmt.Sprintf("only a contributor names a partner, not a(n) %s", m.Role)})
	}
	return domain.Invalid("invalid membership", errs)
}

// partnerRef resolves a contributor's partner slug within the partnership.
func partnerRef(tx *gorm.DB, pid int64, m domain.Membership) (*int64, error) {
	if m.Partner == "" {
		return nil, nil
	}
	var ids []int64
	if err := tx.Model(&partnerRow{}).Where("partnership_id = ? AND slug = ?", pid, m.Partner).Limit(1).Pluck("id", &ids).Error; err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, domain.Invalid("invalid membership", []domain.FieldError{{Field: "partner",
			Message: fmt.Sprintf("unknown partner %q in partnership %q", m.Partner, m.Partnership)}})
	}
	return &ids[0], nil
}

// saveMembership creates or updates row, auditing the change.
func saveMembership(tx *gorm.DB, row membershipRow, m domain.Membership, trail *auditTrail, email string) error {
	old, exists, err := lookupMembership(tx, row.UserID, row.PartnershipID)
	if err != nil {
		return err
	}
	if !exists {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return trail.add("membership", email, "create", nil, m)
	}
	if old.Role == row.Role && sameRef(old.PartnerID, row.PartnerID) {
		return nil
	}
	err = tx.Model(&membershipRow{}).Where("user_id = ? AND partnership_id = ?", row.UserID, row.PartnershipID).
		Updates(map[string]any{"role": row.Role, "partner_id": row.PartnerID}).Error
	if err != nil {
		return err
	}
	oldM, err := membershipOf(tx, old, m.Partnership)
	if err != nil {
		return err
	}
	return trail.add("membership", email, "update", oldM, m)
}

func sameRef(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// membershipOf turns a row into the domain type, looking up its partner's slug.
func membershipOf(tx *gorm.DB, r membershipRow, partnership string) (domain.Membership, error) {
	m := domain.Membership{UserID: r.UserID, Partnership: partnership, Role: domain.Role(r.Role)}
	if r.PartnerID == nil {
		return m, nil
	}
	var slugs []string
	if err := tx.Model(&partnerRow{}).Where("id = ?", *r.PartnerID).Pluck("slug", &slugs).Error; err != nil || len(slugs) == 0 {
		return m, err
	}
	m.Partner = slugs[0]
	return m, nil
}

func lookupMembership(tx *gorm.DB, userID, pid int64) (membershipRow, bool, error) {
	var rows []membershipRow
	err := tx.Where("user_id = ? AND partnership_id = ?", userID, pid).Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return membershipRow{}, false, err
	}
	return rows[0], true, nil
}

// RemoveMembership takes a user's role in a partnership away, and deletes
// the user's API tokens for it, which would otherwise act without a role.
func (db *DB) RemoveMembership(ctx context.Context, userID int64, partnership, actor string) error {
	if err := requireActor(actor, "remove membership"); err != nil {
		return err
	}
	err := db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		p, err := findPartnership(tx, partnership)
		if err != nil {
			return err
		}
		u, err := findUser(tx, userID)
		if err != nil {
			return err
		}
		row, ok, err := lookupMembership(tx, userID, p.ID)
		if err != nil {
			return err
		} else if !ok {
			return domain.Errorf(domain.ENOTFOUND, "user %q is not a member of partnership %q", u.Email, partnership)
		}
		trail := auditTrail{pid: p.ID, actor: actor, now: now}
		if err := deleteMembership(tx, row, u.Email, partnership, &trail); err != nil {
			return err
		}
		return trail.write(tx)
	})
	return translate(err, fmt.Sprintf("remove user %d from %q", userID, partnership))
}

func deleteMembership(tx *gorm.DB, row membershipRow, email, partnership string, trail *auditTrail) error {
	var tokens []tokenRow
	if err := tx.Where("user_id = ? AND partnership_id = ?", row.UserID, row.PartnershipID).Order("id").Find(&tokens).Error; err != nil {
		return err
	}
	for _, t := range tokens {
		if err := trail.add("token", tokenKey(email, t.ID), "delete", tokenFromRow(t, partnership), nil); err != nil {
			return err
		}
	}
	if err := tx.Where("user_id = ? AND partnership_id = ?", row.UserID, row.PartnershipID).Delete(&tokenRow{}).Error; err != nil {
		return err
	}
	old, err := membershipOf(tx, row, partnership)
	if err != nil {
		return err
	}
	if err := tx.Where("user_id = ? AND partnership_id = ?", row.UserID, row.PartnershipID).Delete(&membershipRow{}).Error; err != nil {
		return err
	}
	return trail.add("membership", email, "delete", old, nil)
}

type membershipView struct {
	Row             membershipRow `gorm:"embedded"`
	PartnershipSlug string
	PartnerSlug     *string
}

// Memberships returns a user's roles, ordered by partnership slug; none
// for an unknown user.
func (db *DB) Memberships(ctx context.Context, userID int64) ([]domain.Membership, error) {
	var rows []membershipView
	err := db.reader.WithContext(ctx).Table("memberships m").
		Select("m.*, p.slug AS partnership_slug, pr.slug AS partner_slug").
		Joins("JOIN partnerships p ON p.id = m.partnership_id").
		Joins("LEFT JOIN partners pr ON pr.id = m.partner_id").
		Where("m.user_id = ?", userID).Order("p.slug").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "list memberships")
	}
	out := make([]domain.Membership, len(rows))
	for i, r := range rows {
		out[i] = domain.Membership{UserID: r.Row.UserID, Partnership: r.PartnershipSlug, Role: domain.Role(r.Row.Role), Partner: derefString(r.PartnerSlug)}
	}
	return out, nil
}

func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

type memberView struct {
	User        userRow `gorm:"embedded"`
	Role        string
	PartnerSlug *string
}

// Members returns the users of a partnership with their roles, ordered by
// email; ENOTFOUND for an unknown partnership.
func (db *DB) Members(ctx context.Context, partnership string) ([]Member, error) {
	var rows []memberView
	err := db.readTx(ctx, func(tx *gorm.DB) error {
		p, err := findPartnership(tx, partnership)
		if err != nil {
			return err
		}
		return tx.Table("memberships m").
			Select("u.id, u.email, u.name, u.created_at, u.disabled, m.role, pr.slug AS partner_slug").
			Joins("JOIN users u ON u.id = m.user_id").
			Joins("LEFT JOIN partners pr ON pr.id = m.partner_id").
			Where("m.partnership_id = ?", p.ID).Order("u.email").Find(&rows).Error
	})
	if err != nil {
		return nil, translate(err, fmt.Sprintf("list members of %q", partnership))
	}
	out := make([]Member, len(rows))
	for i, r := range rows {
		out[i] = Member{User: userFromRow(r.User), Role: domain.Role(r.Role), Partner: derefString(r.PartnerSlug)}
	}
	return out, nil
}
