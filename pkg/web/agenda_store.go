package web

import (
	"context"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

// Agenda is the part of the store that edits a partnership's common
// agenda. Creating and changing go through SaveBundle, which validates the
// whole partnership and audits every change in one transaction; deleting
// has operations of its own, which refuse to delete what is still used,
// and so has withdrawing a partner's contribution.
type Agenda interface {
	SaveBundle(ctx context.Context, b *domain.Bundle, actor string) (store.SaveResult, error)
	DeletePartner(ctx context.Context, partnership, slug, actor string) error
	DeleteGoal(ctx context.Context, partnership, slug, actor string) error
	DeleteIndicator(ctx context.Context, partnership, slug, actor string, withData bool) error
	SetContributions(ctx context.Context, partnership, partner string, indicators []string, actor string) error
}
