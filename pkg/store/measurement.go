package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// MeasurementKey names one figure of an indicator: a year and a subgroup
// (an empty Dimension and Group mean all groups).
type MeasurementKey struct {
	Year      int    `json:"year"`
	Dimension string `json:"dimension,omitempty"`
	Group     string `json:"group,omitempty"`
}

// String names the figure in messages: "2019, all groups", "2019, Income: Low income".
func (k MeasurementKey) String() string {
	if k.Dimension == "" && k.Group == "" {
		return fmt.Sprintf("%d, all groups", k.Year)
	}
	return fmt.Sprintf("%d, %s: %s", k.Year, k.Dimension, k.Group)
}

func figureKey(m domain.Measurement) MeasurementKey {
	return MeasurementKey{Year: m.Year, Dimension: m.Dimension, Group: m.Group}
}

// SaveMeasurements enters figures of one indicator in one transaction,
// upserting each by year and subgroup. Each is validated against the stored
// indicator, and all problems come back as one EINVALID whose fields name
// the items ("item 3", counting from 1); then nothing is written. A new or
// changed figure is recorded as entered by actor now, and audited with
// comment; an unchanged one writes nothing. The items' Status is stored as
// given: the caller decides (contributors submit, editors approve).
func (db *DB) SaveMeasurements(ctx context.Context, partnership, indicator string, ms []domain.Measurement, actor, comment string) (SaveResult, error) {
	if err := requireActor(actor, "save figures"); err != nil {
		return SaveResult{}, err
	}
	var res SaveResult
	err := db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		f, err := openFigures(tx, partnership, indicator, auditTrail{actor: actor, now: now, comment: comment})
		if err != nil {
			return err
		}
		in, err := f.check(ms)
		if err != nil {
			return err
		}
		if res, err = f.save(in); err != nil {
			return err
		}
		return f.trail.write(tx)
	})
	if err != nil {
		return SaveResult{}, translate(err, fmt.Sprintf("save figures of %q in %q", indicator, partnership))
	}
	return res, nil
}

// indicatorFigures is one indicator's stored measurements, read in a write
// transaction that changes some of them.
type indicatorFigures struct {
	tx    *gorm.DB
	indID int64
	spec  domain.Indicator // enough of the indicator to validate figures
	old   map[MeasurementKey]domain.Measurement
	trail auditTrail
}

// openFigures locks the partnership and reads the indicator's figures.
func openFigures(tx *gorm.DB, partnership, indicator string, trail auditTrail) (*indicatorFigures, error) {
	p, err := lockPartnership(tx, partnership)
	if err != nil {
		return nil, err
	}
	var inds []indicatorRow
	if err := tx.Where("partnership_id = ? AND slug = ?", p.ID, indicator).Limit(1).Find(&inds).Error; err != nil {
		return nil, err
	}
	if len(inds) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "indicator %q not found in partnership %q", indicator, partnership)
	}
	spec, err := indicatorFromRow(inds[0], newIDs(), newIDs(), newIDs())
	if err != nil {
		return nil, err
	}
	var rows []measurementRow
	if err := tx.Where("indicator_id = ?", inds[0].ID).Find(&rows).Error; err != nil {
		return nil, err
	}
	trail.pid = p.ID
	f := &indicatorFigures{tx: tx, indID: inds[0].ID, spec: spec, old: make(map[MeasurementKey]domain.Measurement, len(rows)), trail: trail}
	for _, r := range rows {
		m := measurementFromView(measurementView{Row: r, IndicatorSlug: indicator})
		f.old[figureKey(m)] = m
	}
	return f, nil
}

// check validates every item and returns them completed with the
// indicator's slug.
func (f *indicatorFigures) check(ms []domain.Measurement) ([]domain.Measurement, error) {
	var errs []domain.FieldError
	seen := map[MeasurementKey]int{}
	out := make([]domain.Measurement, len(ms))
	for i, m := range ms {
		place := fmt.Sprintf("item %d", i+1)
		if m.Indicator != "" && m.Indicator != f.spec.Slug {
			errs = append(errs, domain.FieldError{Place: place, Field: "indicator",
				Message: fmt.Sprintf("%q is not %q, the indicator being saved", m.Indicator, f.spec.Slug)})
		}
		m.Indicator, m.ID = f.spec.Slug, 0
		errs = append(errs, domain.ValidateMeasurement(f.spec, m, place)...)
		if j, dup := seen[figureKey(m)]; dup {
			errs = append(errs, domain.FieldError{Place: place, Field: "year",
				Message: fmt.Sprintf("same year and group as item %d (%s)", j, figureKey(m))})
		} else {
			seen[figureKey(m)] = i + 1
		}
		out[i] = m
	}
	return out, domain.Invalid(fmt.Sprintf("invalid figures for %s", f.spec.Slug), errs)
}

func (f *indicatorFigures) save(in []domain.Measurement) (SaveResult, error) {
	var res SaveResult
	var creates []measurementRow
	for _, m := range in {
		old, exists := f.old[figureKey(m)]
		id := old.ID
		old.ID = 0
		if exists {
			m.EnteredBy, m.EnteredAt = old.EnteredBy, old.EnteredAt
			if sameMeasurement(m, old) {
				res.Unchanged++
				continue
			}
		}
		m.EnteredBy, m.EnteredAt = f.trail.actor, f.trail.now
		row := measurementToRow(m, id, f.indID)
		if !exists {
			res.Added++
			creates = append(creates, row)
			if err := f.trail.add("measurement", domain.MeasurementKey(m), "create", nil, m); err != nil {
				return res, err
			}
			continue
		}
		res.Changed++
		if err := update(f.tx, &row); err != nil {
			return res, err
		}
		if err := f.trail.add("measurement", domain.MeasurementKey(m), "update", old, m); err != nil {
			return res, err
		}
	}
	if len(creates) == 0 {
		return res, nil
	}
	return res, f.tx.CreateInBatches(&creates, batchSize).Error
}

// ReviewedFigure is a figure as its reviewer was shown it. Approving
// checks it against what is stored, so that a figure a contributor changed
// after the review page was read is not approved unseen.
type ReviewedFigure struct {
	MeasurementKey
	// Value is the value shown; required.
	Value *float64
	// EnteredAt is when the figure shown was entered; the zero time skips
	// this check (an API client may know only the value).
	EnteredAt time.Time
}

// SetMeasurementStatus approves or returns submitted figures of one
// indicator, auditing each with comment, and returns how many changed. A
// figure that is not there is ENOTFOUND; one that is not submitted, or
// that changed since it was shown, is ECONFLICT; either way, naming the
// items, and nothing changes.
func (db *DB) SetMeasurementStatus(ctx context.Context, partnership, indicator string, items []ReviewedFigure,
	status domain.MeasurementStatus, actor, comment string) (int, error) {
	if err := checkStatusChange(items, status, actor); err != nil {
		return 0, err
	}
	keys := make([]MeasurementKey, len(items))
	for i, it := range items {
		keys[i] = it.MeasurementKey
	}
	var n int
	err := db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		f, err := openFigures(tx, partnership, indicator, auditTrail{actor: actor, now: now, comment: comment})
		if err != nil {
			return err
		}
		if err := f.checkSubmitted(keys, status); err != nil {
			return err
		}
		if err := f.checkUnchanged(items); err != nil {
			return err
		}
		if n, err = f.setStatus(keys, status); err != nil {
			return err
		}
		return f.trail.write(tx)
	})
	if err != nil {
		return 0, translate(err, fmt.Sprintf("set status of figures of %q in %q", indicator, partnership))
	}
	return n, nil
}

func checkStatusChange(items []ReviewedFigure, status domain.MeasurementStatus, actor string) error {
	if err := requireActor(actor, "set status"); err != nil {
		return err
	}
	if status != domain.StatusApproved && status != domain.StatusReturned {
		return domain.Invalid("invalid status change", []domain.FieldError{{Field: "status",
			Message: fmt.Sprintf("%q: submitted figures can only be approved or returned", status)}})
	}
	if len(items) == 0 {
		return domain.Invalid("invalid status change", []domain.FieldError{{Field: "items", Message: "name at least one figure"}})
	}
	var errs []domain.FieldError
	for i, it := range items {
		if it.Value == nil {
			errs = append(errs, domain.FieldError{Place: fmt.Sprintf("item %d", i+1), Field: "value",
				Message: "is required: send the value you were shown, so that a figure changed since is not " + string(status) + " unseen"})
		}
	}
	return domain.Invalid("invalid status change", errs)
}

// checkUnchanged refuses, as one ECONFLICT naming every such item, figures
// whose stored value or entry time differs from what the reviewer saw.
func (f *indicatorFigures) checkUnchanged(items []ReviewedFigure) error {
	var stale []string
	for i, it := range items {
		m := f.old[it.MeasurementKey]
		if *it.Value == m.Value && (it.EnteredAt.IsZero() || it.EnteredAt.Equal(m.EnteredAt)) {
			continue
		}
		stale = append(stale, fmt.Sprintf("item %d (%s) is now %s, entered by %s at %s UTC", i+1, it.MeasurementKey,
			strconv.FormatFloat(m.Value, 'g', -1, 64), m.EnteredBy, m.EnteredAt.UTC().Format("2006-01-02 15:04:05")))
	}
	if len(stale) > 0 {
		return domain.Errorf(domain.ECONFLICT, "a figure changed since it was shown to you; review it again: %s", strings.Join(stale, "; "))
	}
	return nil
}

func (f *indicatorFigures) checkSubmitted(keys []MeasurementKey, status domain.MeasurementStatus) error {
	var missing, wrong []string
	for i, k := range keys {
		m, ok := f.old[k]
		switch {
		case !ok:
			missing = append(missing, fmt.Sprintf("item %d (%s)", i+1, k))
		case m.Status != domain.StatusSubmitted:
			wrong = append(wrong, fmt.Sprintf("item %d (%s) is %s", i+1, k, m.Status))
		}
	}
	if len(missing) > 0 {
		return domain.Errorf(domain.ENOTFOUND, "%s has no such figure: %s", f.spec.Slug, strings.Join(missing, "; "))
	}
	if len(wrong) > 0 {
		return domain.Errorf(domain.ECONFLICT, "only submitted figures can be %s: %s", status, strings.Join(wrong, "; "))
	}
	return nil
}

func (f *indicatorFigures) setStatus(keys []MeasurementKey, status domain.MeasurementStatus) (int, error) {
	done := map[MeasurementKey]bool{}
	for _, k := range keys {
		if done[k] {
			continue
		}
		done[k] = true
		old := f.old[k]
		id := old.ID
		old.ID = 0
		m := old
		m.Status = status
		if err := f.tx.Model(&measurementRow{}).Where("id = ?", id).Update("status", string(status)).Error; err != nil {
			return 0, err
		}
		if err := f.trail.add("measurement", domain.MeasurementKey(m), "update", old, m); err != nil {
			return 0, err
		}
	}
	return len(done), nil
}

// DeleteMeasurement deletes one figure, auditing it with comment.
func (db *DB) DeleteMeasurement(ctx context.Context, partnership, indicator string, key MeasurementKey, actor, comment string) error {
	if err := requireActor(actor, "delete figure"); err != nil {
		return err
	}
	err := db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		f, err := openFigures(tx, partnership, indicator, auditTrail{actor: actor, now: now, comment: comment})
		if err != nil {
			return err
		}
		old, ok := f.old[key]
		if !ok {
			return domain.Errorf(domain.ENOTFOUND, "%s has no figure for %s", indicator, key)
		}
		if err := tx.Where("id = ?", old.ID).Delete(&measurementRow{}).Error; err != nil {
			return err
		}
		old.ID = 0
		if err := f.trail.add("measurement", domain.MeasurementKey(old), "delete", old, nil); err != nil {
			return err
		}
		return f.trail.write(tx)
	})
	return translate(err, fmt.Sprintf("delete figure of %q in %q", indicator, partnership))
}
