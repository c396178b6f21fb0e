package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// FigureOrder is the order FigureReader hands out an indicator's figures.
type FigureOrder int

const (
	// ByFigure is dimension, group, year: the order of the export files and
	// of Bundle, so the all-groups figures (empty dimension) come first.
	ByFigure FigureOrder = iota
	// BySet is dimension, year, group: the figures small-cell suppression
	// looks at together (one dimension and year) come one after another.
	BySet
)

// FigureQuery picks the figures of one indicator that FigureReader reads.
type FigureQuery struct {
	Indicator     string                   // slug
	Status        domain.MeasurementStatus // "" reads every status
	AllGroupsOnly bool
	Order         FigureOrder
}

// FigureReader calls fn for each figure q picks, one row at a time, so a
// caller that does not keep them holds one figure in memory.
type FigureReader func(q FigureQuery, fn func(domain.Measurement) error) error

// ReadExport runs fn inside one read-only transaction with the partnership
// without its figures (Measurements is nil) and a reader of its figures.
// The one transaction gives every query of a long export the same snapshot
// of the data, as Bundle's single read does; the reader is only valid
// until fn returns.
func (db *DB) ReadExport(ctx context.Context, slug string, fn func(*domain.Bundle, FigureReader) error) error {
	err := db.readTx(ctx, func(tx *gorm.DB) error {
		p, err := findPartnership(tx, slug)
		if err != nil {
			return err
		}
		b, ids, err := loadBundleHead(tx, p)
		if err != nil {
			return err
		}
		return fn(b, figureReader(tx, ids.indicators))
	})
	return translate(err, fmt.Sprintf("export partnership %q", slug))
}

// loadBundleHead is loadBundle without the measurements query.
func loadBundleHead(tx *gorm.DB, p partnershipRow) (*domain.Bundle, bundleIDs, error) {
	l := loader{tx: tx, pid: p.ID, ids: bundleIDs{newIDs(), newIDs(), newIDs()}}
	for _, step := range []func() error{l.partners, l.goals, l.indicators, l.contributions, l.comparisons} {
		if err := step(); err != nil {
			return nil, bundleIDs{}, err
		}
	}
	l.b.Partnership = partnershipFromRow(p, l.ids.partners.slug(p.BackbonePartnerID))
	return &l.b, l.ids, nil
}

// figureOrders are whole ORDER BY clauses, never built from input. The
// columns sort bytewise on both databases (COLLATE "C" on PostgreSQL),
// the order report.Build sorts figures in.
var figureOrders = map[FigureOrder]string{
	ByFigure: "m.dimension, m.grp, m.year",
	BySet:    "m.dimension, m.year, m.grp",
}

func figureReader(tx *gorm.DB, indicators ids) FigureReader {
	return func(q FigureQuery, fn func(domain.Measurement) error) error {
		id, ok := indicators.bySlug[q.Indicator]
		if !ok {
			return domain.Errorf(domain.ENOTFOUND, "indicator %q not found", q.Indicator)
		}
		order, ok := figureOrders[q.Order]
		if !ok {
			return fmt.Errorf("figure order %d unknown", q.Order)
		}
		query := tx.Table("measurements m").Select(measurementColumns).
			Joins("JOIN indicators i ON i.id = m.indicator_id").
			Where("m.indicator_id = ?", id)
		if q.Status != "" {
			query = query.Where("m.status = ?", string(q.Status))
		}
		if q.AllGroupsOnly {
			query = query.Where("m.dimension = '' AND m.grp = ''")
		}
		return scanFigures(query.Order(order), fn)
	}
}

// scanFigures scans by hand, as loader.measurements does, and reuses one
// row struct: GORM's reflection per row would dominate a large export.
func scanFigures(query *gorm.DB, fn func(domain.Measurement) error) error {
	rows, err := query.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var v measurementView
	r := &v.Row
	for rows.Next() {
		err := rows.Scan(&r.ID, &r.IndicatorID, &r.Year, &r.Dimension, &r.Grp, &r.Value, &r.Numerator,
			&r.Denominator, &r.Note, &r.Source, &r.Status, &r.EnteredBy, &r.EnteredAt, &v.IndicatorSlug)
		if err != nil {
			return err
		}
		if err := fn(measurementFromView(v)); err != nil {
			return err
		}
	}
	return rows.Err()
}
