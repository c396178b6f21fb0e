package export

import (
	"context"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/store"
)

// StoreReader is the part of *store.DB a streamed export reads.
type StoreReader interface {
	ReadExport(ctx context.Context, slug string, fn func(*domain.Bundle, store.FigureReader) error) error
}

// FromStore calls fn with a Source that reads the partnership slug from db
// as aud may see it, one indicator and one figure at a time, all inside
// one read transaction (one consistent snapshot). The partnership itself
// (src.Report().Partnership) is known before anything is written, so fn can
// still refuse. The Source is valid until fn returns.
func FromStore(ctx context.Context, db StoreReader, slug string, aud report.Audience, currentYear int, fn func(Source) error) error {
	return db.ReadExport(ctx, slug, func(b *domain.Bundle, read store.FigureReader) error {
		s, err := report.NewStream(b, aud, currentYear, storeFigures(read))
		if err != nil {
			return err
		}
		return fn(s)
	})
}

// storeFigures reads approved figures only, as every export does.
func storeFigures(read store.FigureReader) report.ReadFigures {
	return func(indicator string, allGroupsOnly, bySet bool, fn func(domain.Measurement) error) error {
		q := store.FigureQuery{Indicator: indicator, Status: domain.StatusApproved, AllGroupsOnly: allGroupsOnly, Order: store.ByFigure}
		if bySet {
			q.Order = store.BySet
		}
		return read(q, fn)
	}
}
