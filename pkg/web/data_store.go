package web

import (
	"context"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

// Figures is the part of the store that enters, approves and returns
// measurements and reads their audit history.
type Figures interface {
	SaveMeasurements(ctx context.Context, partnership, indicator string, ms []domain.Measurement, actor, comment string) (store.SaveResult, error)
	SetMeasurementStatus(ctx context.Context, partnership, indicator string, items []store.ReviewedFigure,
		status domain.MeasurementStatus, actor, comment string) (int, error)
	Audit(ctx context.Context, partnership, entity, key string) ([]domain.AuditEntry, error)
}
