package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// deletion is one Delete* (or SetContributions) transaction: the whole
// partnership as stored, so that every reference to what goes can be
// checked and what goes can be audited in full.
type deletion struct {
	tx    *gorm.DB
	b     *domain.Bundle
	ids   bundleIDs
	trail auditTrail
}

func (db *DB) inDeletion(ctx context.Context, partnership, actor, what string, fn func(d *deletion) error) error {
	if err := requireActor(actor, what); err != nil {
		return err
	}
	err := db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		p, err := lockPartnership(tx, partnership)
		if err != nil {
			return err
		}
		b, ids, err := loadBundle(tx, p)
		if err != nil {
			return err
		}
		d := &deletion{tx: tx, b: b, ids: ids, trail: auditTrail{pid: p.ID, actor: actor, now: now}}
		if err := fn(d); err != nil {
			return err
		}
		return d.trail.write(tx)
	})
	return translate(err, fmt.Sprintf("%s in %q", what, partnership))
}

// DeletePartner deletes a partner and its contributions. A partner that is
// the partnership's backbone, stewards an indicator or has contributor
// accounts is ECONFLICT, naming what still refers to it.
func (db *DB) DeletePartner(ctx context.Context, partnership, slug, actor string) error {
	return db.inDeletion(ctx, partnership, actor, fmt.Sprintf("delete partner %q", slug), func(d *deletion) error {
		i := slices.IndexFunc(d.b.Partners, func(p domain.Partner) bool { return p.Slug == slug })
		if i < 0 {
			return domain.Errorf(domain.ENOTFOUND, "partner %q not found in partnership %q", slug, partnership)
		}
		if err := d.partnerInUse(slug); err != nil {
			return err
		}
		id := d.ids.partners.bySlug[slug]
		if err := d.tx.Where("partner_id = ?", id).Delete(&contributionRow{}).Error; err != nil {
			return err
		}
		if err := d.tx.Where("id = ?", id).Delete(&partnerRow{}).Error; err != nil {
			return err
		}
		old := d.b.Partners[i]
		old.ID = 0
		return d.trail.add("partner", slug, "delete", old, nil)
	})
}

func (d *deletion) partnerInUse(slug string) error {
	var why []string
	if d.b.Partnership.Backbone == slug {
		why = append(why, "it is the partnership's backbone (name another backbone first)")
	}
	var stewarded []string
	for _, ind := range d.b.Indicators {
		if ind.Steward == slug {
			stewarded = append(stewarded, ind.Slug)
		}
	}
	if len(stewarded) > 0 {
		why = append(why, fmt.Sprintf("it stewards %s (give them another steward first)", strings.Join(stewarded, ", ")))
	}
	var n int64
	if err := d.tx.Model(&membershipRow{}).Where("partnership_id = ? AND partner_id = ?", d.trail.pid, d.ids.partners.bySlug[slug]).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		why = append(why, fmt.Sprintf("%d contributor account(s) enter data for it (change their role or partner first)", n))
	}
	if len(why) > 0 {
		return domain.Errorf(domain.ECONFLICT, "cannot delete partner %q: %s", slug, strings.Join(why, "; "))
	}
	return nil
}

// DeleteGoal deletes a goal that no indicator is under; otherwise ECONFLICT.
func (db *DB) DeleteGoal(ctx context.Context, partnership, slug, actor string) error {
	return db.inDeletion(ctx, partnership, actor, fmt.Sprintf("delete goal %q", slug), func(d *deletion) error {
		i := slices.IndexFunc(d.b.Goals, func(g domain.Goal) bool { return g.Slug == slug })
		if i < 0 {
			return domain.Errorf(domain.ENOTFOUND, "goal %q not found in partnership %q", slug, partnership)
		}
		var under []string
		for _, ind := range d.b.Indicators {
			if ind.Goal == slug {
				under = append(under, ind.Slug)
			}
		}
		if len(under) > 0 {
			return domain.Errorf(domain.ECONFLICT, "cannot delete goal %q: indicators %s are under it (move or delete them first)",
				slug, strings.Join(under, ", "))
		}
		if err := d.tx.Where("id = ?", d.ids.goals.bySlug[slug]).Delete(&goalRow{}).Error; err != nil {
			return err
		}
		old := d.b.Goals[i]
		old.ID = 0
		return d.trail.add("goal", slug, "delete", old, nil)
	})
}

// DeleteIndicator deletes an indicator. One that a contributing indicator
// predicts is ECONFLICT. One with figures (measurements or comparison
// figures) is ECONFLICT unless withData, which deletes them too, along with
// partners' contributions to it; every deleted figure is audited with its
// old value.
func (db *DB) DeleteIndicator(ctx context.Context, partnership, slug, actor string, withData bool) error {
	return db.inDeletion(ctx, partnership, actor, fmt.Sprintf("delete indicator %q", slug), func(d *deletion) error {
		ind, ok := d.b.Indicator(slug)
		if !ok {
			return domain.Errorf(domain.ENOTFOUND, "indicator %q not found in partnership %q", slug, partnership)
		}
		if err := d.indicatorInUse(slug, withData); err != nil {
			return err
		}
		steps := []func(string) error{d.deleteMeasurements, d.deleteComparisons, d.deleteContributions}
		for _, step := range steps {
			if err := step(slug); err != nil {
				return err
			}
		}
		if err := d.tx.Where("id = ?", d.ids.indicators.bySlug[slug]).Delete(&indicatorRow{}).Error; err != nil {
			return err
		}
		ind.ID = 0
		return d.trail.add("indicator", slug, "delete", ind, nil)
	})
}

func (d *deletion) indicatorInUse(slug string, withData bool) error {
	var predictors []string
	for _, ind := range d.b.Indicators {
		if ind.Predicts == slug {
			predictors = append(predictors, ind.Slug)
		}
	}
	if len(predictors) > 0 {
		return domain.Errorf(domain.ECONFLICT, "cannot delete indicator %q: %s predict(s) it (change or delete them first)",
			slug, strings.Join(predictors, ", "))
	}
	n := 0
	for _, m := range d.b.Measurements {
		if m.Indicator == slug {
			n++
		}
	}
	for _, c := range d.b.Comparisons {
		if c.Indicator == slug {
			n++
		}
	}
	if n > 0 && !withData {
		return domain.Errorf(domain.ECONFLICT, "indicator %q has %d figures: confirm to delete them too", slug, n)
	}
	return nil
}

func (d *deletion) deleteMeasurements(slug string) error {
	for _, m := range d.b.Measurements {
		if m.Indicator == slug {
			m.ID = 0
			if err := d.trail.add("measurement", domain.MeasurementKey(m), "delete", m, nil); err != nil {
				return err
			}
		}
	}
	return d.tx.Where("indicator_id = ?", d.ids.indicators.bySlug[slug]).Delete(&measurementRow{}).Error
}

func (d *deletion) deleteComparisons(slug string) error {
	for _, c := range d.b.Comparisons {
		if c.Indicator == slug {
			c.ID = 0
			if err := d.trail.add("comparison", comparisonKey(c), "delete", c, nil); err != nil {
				return err
			}
		}
	}
	return d.tx.Where("indicator_id = ?", d.ids.indicators.bySlug[slug]).Delete(&comparisonRow{}).Error
}

// deleteContributions audits each partner that loses the indicator as an
// update of its list of contributions.
func (d *deletion) deleteContributions(slug string) error {
	for _, p := range d.b.Partners {
		if !slices.Contains(p.Contributes, slug) {
			continue
		}
		p.ID = 0
		now := p
		now.Contributes = nilIfEmpty(slices.DeleteFunc(slices.Clone(p.Contributes), func(s string) bool { return s == slug }))
		if err := d.trail.add("partner", p.Slug, "update", p, now); err != nil {
			return err
		}
	}
	return d.tx.Where("indicator_id = ?", d.ids.indicators.bySlug[slug]).Delete(&contributionRow{}).Error
}
