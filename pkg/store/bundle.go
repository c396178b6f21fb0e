package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Bundle returns everything of one partnership. It costs seven queries, one
// per table, however many indicators and figures there are. Goals and
// indicators come ordered by position then slug; partners by name; figures
// by indicator, dimension, group and year, the all-groups figures first.
func (db *DB) Bundle(ctx context.Context, slug string) (*domain.Bundle, error) {
	var b *domain.Bundle
	err := db.readTx(ctx, func(tx *gorm.DB) error {
		p, err := findPartnership(tx, slug)
		if err != nil {
			return err
		}
		b, _, err = loadBundle(tx, p)
		return err
	})
	if err != nil {
		return nil, translate(err, fmt.Sprintf("read partnership %q", slug))
	}
	return b, nil
}

// bundleIDs are the slug-to-ID maps of a loaded bundle, which SaveBundle
// uses to resolve references.
type bundleIDs struct {
	partners, goals, indicators ids
}

// loadBundle reads the partnership p's entities: one query per table.
func loadBundle(tx *gorm.DB, p partnershipRow) (*domain.Bundle, bundleIDs, error) {
	l := loader{tx: tx, pid: p.ID, ids: bundleIDs{newIDs(), newIDs(), newIDs()}}
	steps := []func() error{l.partners, l.goals, l.indicators, l.contributions, l.measurements, l.comparisons}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, bundleIDs{}, err
		}
	}
	l.b.Partnership = partnershipFromRow(p, l.ids.partners.slug(p.BackbonePartnerID))
	return &l.b, l.ids, nil
}

type loader struct {
	tx  *gorm.DB
	pid int64
	b   domain.Bundle
	ids bundleIDs
}

func (l *loader) partners() error {
	var rows []partnerRow
	if err := l.tx.Where("partnership_id = ?", l.pid).Order("name, slug").Find(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		l.b.Partners = append(l.b.Partners, partnerFromRow(r))
		l.ids.partners.add(r.ID, r.Slug)
	}
	return nil
}

func (l *loader) goals() error {
	var rows []goalRow
	if err := l.tx.Where("partnership_id = ?", l.pid).Order("position, slug").Find(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		l.b.Goals = append(l.b.Goals, goalFromRow(r))
		l.ids.goals.add(r.ID, r.Slug)
	}
	return nil
}

func (l *loader) indicators() error {
	var rows []indicatorRow
	if err := l.tx.Where("partnership_id = ?", l.pid).Order("position, slug").Find(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		l.ids.indicators.add(r.ID, r.Slug)
	}
	for _, r := range rows {
		ind, err := indicatorFromRow(r, l.ids.goals, l.ids.partners, l.ids.indicators)
		if err != nil {
			return err
		}
		l.b.Indicators = append(l.b.Indicators, ind)
	}
	return nil
}

// contributions fills Partner.Contributes in indicator order.
func (l *loader) contributions() error {
	var rows []contributionRow
	err := l.tx.Table("partner_indicators c").Select("c.*").
		Joins("JOIN indicators i ON i.id = c.indicator_id").
		Where("c.partnership_id = ?", l.pid).Order("i.position, i.slug").Find(&rows).Error
	if err != nil {
		return err
	}
	index := map[int64]int{}
	for i, p := range l.b.Partners {
		index[p.ID] = i
	}
	for _, r := range rows {
		p := &l.b.Partners[index[r.PartnerID]]
		p.Contributes = append(p.Contributes, l.ids.indicators.byID[r.IndicatorID])
	}
	return nil
}

// measurementColumns are scanned by hand: a big partnership has thousands
// of figures, and GORM's reflection per row added a third to a large
// Bundle's allocations.
const measurementColumns = `m.id, m.indicator_id, m.year, m.dimension, m.grp, m.value, m.numerator,
	m.denominator, m.note, m.source, m.status, m.entered_by, m.entered_at, i.slug`

// measurements orders by i.id after the slug (already unique) so that
// SQLite walks indicators_order_idx and measurements_key in order instead of
// sorting every figure.
func (l *loader) measurements() error {
	rows, err := l.tx.Table("measurements m").Select(measurementColumns).
		Joins("JOIN indicators i ON i.id = m.indicator_id").
		Where("i.partnership_id = ?", l.pid).
		Order("i.position, i.slug, i.id, m.dimension, m.grp, m.year").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v measurementView
		r := &v.Row
		err := rows.Scan(&r.ID, &r.IndicatorID, &r.Year, &r.Dimension, &r.Grp, &r.Value, &r.Numerator,
			&r.Denominator, &r.Note, &r.Source, &r.Status, &r.EnteredBy, &r.EnteredAt, &v.IndicatorSlug)
		if err != nil {
			return err
		}
		l.b.Measurements = append(l.b.Measurements, measurementFromView(v))
	}
	return rows.Err()
}

func (l *loader) comparisons() error {
	var rows []comparisonView
	err := l.tx.Table("comparisons c").Select("c.*, i.slug AS indicator_slug").
		Joins("JOIN indicators i ON i.id = c.indicator_id").
		Where("i.partnership_id = ?", l.pid).
		Order("i.position, i.slug, i.id, c.geography, c.dimension, c.grp, c.year").Find(&rows).Error
	if err != nil {
		return err
	}
	for _, r := range rows {
		l.b.Comparisons = append(l.b.Comparisons, comparisonFromView(r))
	}
	return nil
}
