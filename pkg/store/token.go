package store

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// tokenPrefix starts every API token, so a leaked one is recognisable (and
// findable by secret scanners) and a session secret is never taken for one.
const tokenPrefix = "ib_"

const maxTokenNameLength = 100

func errBadToken() error {
	return domain.Errorf(domain.EUNAUTHORIZED, "unknown or revoked API token")
}

// CreateToken gives a user an API token scoped to one partnership, where
// the token acts with the user's role there. It returns the secret, which
// is shown once and never stored. The user must be a member of the
// partnership (EFORBIDDEN otherwise) and not disabled.
func (db *DB) CreateToken(ctx context.Context, userID int64, partnership, name, actor string) (string, domain.Token, error) {
	name = strings.TrimSpace(name)
	if err := checkTokenName(name, actor); err != nil {
		return "", domain.Token{}, err
	}
	secret, err := newSecret(tokenPrefix)
	if err != nil {
		return "", domain.Token{}, err
	}
	var tok domain.Token
	err = db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		p, u, err := findMember(tx, userID, partnership)
		if err != nil {
			return err
		}
		row := tokenRow{UserID: userID, PartnershipID: p.ID, Name: name, TokenHash: hashSecret(secret), CreatedAt: now}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		tok = tokenFromRow(row, partnership)
		trail := auditTrail{pid: p.ID, actor: actor, now: now}
		if err := trail.add("token", tokenKey(u.Email, row.ID), "create", nil, tok); err != nil {
			return err
		}
		return trail.write(tx)
	})
	if err != nil {
		return "", domain.Token{}, translate(err, fmt.Sprintf("create API token in %q", partnership))
	}
	return secret, tok, nil
}

func checkTokenName(name, actor string) error {
	if err := requireActor(actor, "create API token"); err != nil {
		return err
	}
	switch {
	case name == "":
		return domain.Invalid("invalid API token", []domain.FieldError{{Field: "name", Message: "is required (say what uses the token, e.g. \"district import script\")"}})
	case utf8.RuneCountInString(name) > maxTokenNameLength:
		return domain.Invalid("invalid API token", []domain.FieldError{{Field: "name", Message: fmt.Sprintf("must be at most %d characters long", maxTokenNameLength)}})
	}
	return nil
}

// findMember returns the partnership and the user, who must be an enabled
// member of it.
func findMember(tx *gorm.DB, userID int64, partnership string) (partnershipRow, userRow, error) {
	p, err := findPartnership(tx, partnership)
	if err != nil {
		return p, userRow{}, err
	}
	u, err := findUser(tx, userID)
	if err != nil {
		return p, u, err
	}
	if u.Disabled {
		return p, u, domain.Errorf(domain.EFORBIDDEN, "user %q is disabled", u.Email)
	}
	if _, ok, err := lookupMembership(tx, userID, p.ID); err != nil {
		return p, u, err
	} else if !ok {
		return p, u, domain.Errorf(domain.EFORBIDDEN, "user %q is not a member of partnership %q", u.Email, partnership)
	}
	return p, u, nil
}

// tokenKey is a token's key in the audit log: its owner and its id.
func tokenKey(email string, id int64) string { return fmt.Sprintf("%s/%d", email, id) }

type tokenUserView struct {
	User            userRow `gorm:"embedded"`
	TokenID         int64
	TokenName       string
	TokenCreatedAt  time.Time
	LastUsedAt      *time.Time
	RevokedAt       *time.Time
	PartnershipID   int64
	PartnershipSlug string
}

func (v tokenUserView) token() domain.Token {
	return tokenFromRow(tokenRow{ID: v.TokenID, UserID: v.User.ID, PartnershipID: v.PartnershipID, Name: v.TokenName,
		CreatedAt: v.TokenCreatedAt, LastUsedAt: v.LastUsedAt, RevokedAt: v.RevokedAt}, v.PartnershipSlug)
}

// TokenUser returns the user and the token of an API token secret. An
// unknown or revoked token, or a disabled user, is EUNAUTHORIZED. It
// records the token's last use at most once a minute.
func (db *DB) TokenUser(ctx context.Context, secret string) (domain.User, domain.Token, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return domain.User{}, domain.Token{}, errBadToken()
	}
	var rows []tokenUserView
	err := db.reader.WithContext(ctx).Table("api_tokens t").
		Select(`u.id, u.email, u.name, u.created_at, u.disabled, t.id AS token_id, t.name AS token_name,
			t.created_at AS token_created_at, t.last_used_at, t.revoked_at, t.partnership_id, p.slug AS partnership_slug`).
		Joins("JOIN users u ON u.id = t.user_id").Joins("JOIN partnerships p ON p.id = t.partnership_id").
		Where("t.token_hash = ?", hashSecret(secret)).Limit(1).Find(&rows).Error
	if err != nil {
		return domain.User{}, domain.Token{}, translate(err, "read API token")
	}
	if len(rows) == 0 || rows[0].RevokedAt != nil || rows[0].User.Disabled {
		return domain.User{}, domain.Token{}, errBadToken()
	}
	v := rows[0]
	if now := db.clock(); v.LastUsedAt == nil || now.Sub(*v.LastUsedAt) >= touchEvery {
		if err := db.touchToken(ctx, v.TokenID, now); err != nil {
			return domain.User{}, domain.Token{}, err
		}
		v.LastUsedAt = &now
	}
	return userFromRow(v.User), v.token(), nil
}

func (db *DB) touchToken(ctx context.Context, id int64, now time.Time) error {
	err := db.writer.WithContext(ctx).Model(&tokenRow{}).
		Where("id = ? AND (last_used_at IS NULL OR last_used_at <= ?)", id, now.Add(-touchEvery)).
		Update("last_used_at", now).Error
	return translate(err, "record API token use")
}

// RevokeToken revokes a token of userID, or any token when userID is 0 (an
// admin's action: the caller checks the admin's partnership against the
// token's). Another user's token is ENOTFOUND, as if it did not exist.
// Revoking a revoked token changes nothing.
func (db *DB) RevokeToken(ctx context.Context, userID, tokenID int64, actor string) error {
	if err := requireActor(actor, "revoke API token"); err != nil {
		return err
	}
	err := db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		var rows []tokenRow
		if err := tx.Where("id = ?", tokenID).Limit(1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 || (userID != 0 && rows[0].UserID != userID) {
			return domain.Errorf(domain.ENOTFOUND, "API token %d not found", tokenID)
		}
		if rows[0].RevokedAt != nil {
			return nil
		}
		return revokeToken(tx, rows[0], auditTrail{pid: rows[0].PartnershipID, actor: actor, now: now})
	})
	return translate(err, fmt.Sprintf("revoke API token %d", tokenID))
}

func revokeToken(tx *gorm.DB, row tokenRow, trail auditTrail) error {
	if err := tx.Model(&tokenRow{}).Where("id = ?", row.ID).Update("revoked_at", trail.now).Error; err != nil {
		return err
	}
	var refs struct{ Email, Slug string }
	err := tx.Raw("SELECT u.email AS email, p.slug AS slug FROM users u, partnerships p WHERE u.id = ? AND p.id = ?",
		row.UserID, row.PartnershipID).Scan(&refs).Error
	if err != nil {
		return err
	}
	old := tokenFromRow(row, refs.Slug)
	row.RevokedAt = &trail.now
	if err := trail.add("token", tokenKey(refs.Email, row.ID), "update", old, tokenFromRow(row, refs.Slug)); err != nil {
		return err
	}
	return trail.write(tx)
}

// Tokens returns a user's API tokens, revoked ones included, oldest first.
func (db *DB) Tokens(ctx context.Context, userID int64) ([]domain.Token, error) {
	var rows []struct {
		Row             tokenRow `gorm:"embedded"`
		PartnershipSlug string
	}
	err := db.reader.WithContext(ctx).Table("api_tokens t").Select("t.*, p.slug AS partnership_slug").
		Joins("JOIN partnerships p ON p.id = t.partnership_id").
		Where("t.user_id = ?", userID).Order("t.id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "list API tokens")
	}
	out := make([]domain.Token, len(rows))
	for i, r := range rows {
		out[i] = tokenFromRow(r.Row, r.PartnershipSlug)
	}
	return out, nil
}
