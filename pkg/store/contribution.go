package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/impactboard/impactboard/pkg/domain"
)

// SetContributions replaces the indicators a partner contributes to with
// indicators, in one transaction audited as an update of the partner.
// SaveBundle only ever adds contributions (an import holding part of a
// partnership must not withdraw the rest); this is how one is withdrawn.
func (db *DB) SetContributions(ctx context.Context, partnership, partner string, indicators []string, actor string) error {
	what := fmt.Sprintf("set contributions of partner %q", partner)
	return db.inDeletion(ctx, partnership, actor, what, func(d *deletion) error {
		i := slices.IndexFunc(d.b.Partners, func(p domain.Partner) bool { return p.Slug == partner })
		if i < 0 {
			return domain.Errorf(domain.ENOTFOUND, "partner %q not found in partnership %q", partner, partnership)
		}
		want, err := d.contributionSet(partner, indicators)
		if err != nil {
			return err
		}
		old := d.b.Partners[i]
		old.ID = 0
		now := old
		now.Contributes = nilIfEmpty(want)
		if slices.Equal(old.Contributes, now.Contributes) {
			return nil
		}
		if err := d.replaceContributions(partner, old.Contributes, want); err != nil {
			return err
		}
		return d.trail.add("partner", partner, "update", old, now)
	})
}

// contributionSet checks that every slug is an indicator of the
// partnership and returns them in indicator order, as Bundle lists them.
func (d *deletion) contributionSet(partner string, slugs []string) ([]string, error) {
	var errs []domain.FieldError
	for _, s := range slugs {
		if _, ok := d.ids.indicators.bySlug[s]; !ok {
			errs = append(errs, domain.FieldError{Place: "partner " + partner, Field: "contributes", Message: fmt.Sprintf("unknown indicator %q", s)})
		}
	}
	if err := domain.Invalid("invalid partner "+partner, errs); err != nil {
		return nil, err
	}
	var out []string
	for _, ind := range d.b.Indicators {
		if slices.Contains(slugs, ind.Slug) {
			out = append(out, ind.Slug)
		}
	}
	return out, nil
}

// replaceContributions deletes the links in old but not want and inserts
// those in want but not old.
func (d *deletion) replaceContributions(partner string, old, want []string) error {
	pid := d.ids.partners.bySlug[partner]
	var gone []int64
	for _, s := range old {
		if !slices.Contains(want, s) {
			gone = append(gone, d.ids.indicators.bySlug[s])
		}
	}
	if len(gone) > 0 {
		if err := d.tx.Where("partner_id = ? AND indicator_id IN ?", pid, gone).Delete(&contributionRow{}).Error; err != nil {
			return err
		}
	}
	var added []contributionRow
	for _, s := range want {
		if !slices.Contains(old, s) {
			added = append(added, contributionRow{d.trail.pid, pid, d.ids.indicators.bySlug[s]})
		}
	}
	if len(added) == 0 {
		return nil
	}
	return d.tx.Create(&added).Error
}
