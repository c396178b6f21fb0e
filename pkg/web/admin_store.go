package web

import (
	"context"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

// AccountAdmin is the part of the store that manages users, roles and API
// tokens (admin pages, account pages and their API).
type AccountAdmin interface {
	CreateUser(ctx context.Context, email, name, password, actor string) (domain.User, error)
	SetPassword(ctx context.Context, userID int64, password, actor string) error
	UserByEmail(ctx context.Context, email string) (domain.User, error)
	SetMembership(ctx context.Context, m domain.Membership, actor string) error
	RemoveMembership(ctx context.Context, userID int64, partnership, actor string) error
	Members(ctx context.Context, partnership string) ([]store.Member, error)
	CreateToken(ctx context.Context, userID int64, partnership, name, actor string) (string, domain.Token, error)
	RevokeToken(ctx context.Context, userID, tokenID int64, actor string) error
	Tokens(ctx context.Context, userID int64) ([]domain.Token, error)
}
