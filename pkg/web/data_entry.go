package web

import (
	"errors"
	"fmt"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

// entryItem is one figure as typed in the grid or sent to the API, with
// the problems found while reading it (a number that is not one).
type entryItem struct {
	Place string // "row 3", "item 2": where the messages point
	M     domain.Measurement
	Errs  []domain.FieldError
}

// numericFields are the cells whose unreadable text makes any cross-check
// between them (value against numerator/denominator) meaningless.
var numericFields = map[string]bool{"value": true, "numerator": true, "denominator": true}

// entryPlan is what a valid entry writes: the new and changed figures with
// the place each came from, and how many items repeated a stored figure.
type entryPlan struct {
	Save      []domain.Measurement
	Places    []string
	Unchanged int
}

// prepareEntry checks every item against the indicator and its stored
// figures and returns what to save, or every problem at once. An item that
// repeats a stored figure is left alone: re-saving a whole grid neither
// approves a submitted figure nor trips over an old one. A new or changed
// figure gets the entrant's status.
func prepareEntry(ind domain.Indicator, stored []domain.Measurement, e entrant, items []entryItem) (entryPlan, []domain.FieldError) {
	old := storedByKey(ind.Slug, stored)
	seen := map[store.MeasurementKey]string{}
	var plan entryPlan
	var errs []domain.FieldError
	for _, it := range items {
		m := it.M
		m.Indicator, m.ID = ind.Slug, 0
		errs = append(errs, it.Errs...)
		errs = append(errs, duplicateItem(seen, m, it)...)
		prev, exists := old[figureKey(m)]
		if len(it.Errs) == 0 && exists && sameFigure(m, prev) {
			plan.Unchanged++
			continue
		}
		if exists && e.Contributor && prev.Status == domain.StatusApproved {
			errs = append(errs, domain.FieldError{Place: it.Place, Field: "value", Message: fmt.Sprintf(
				"the figure for %s is approved: only an editor can change it", figureKey(m))})
		}
		m.Status = e.status()
		errs = append(errs, checkItem(ind, m, it)...)
		plan.Save = append(plan.Save, m)
		plan.Places = append(plan.Places, it.Place)
	}
	if len(errs) > 0 {
		return entryPlan{}, errs
	}
	return plan, nil
}

// duplicateItem reports a second item for the same year and group.
func duplicateItem(seen map[store.MeasurementKey]string, m domain.Measurement, it entryItem) []domain.FieldError {
	if hasFieldError(it.Errs, "year") {
		return nil // an unread year says nothing about duplicates
	}
	k := figureKey(m)
	if first, dup := seen[k]; dup {
		return []domain.FieldError{{Place: it.Place, Field: "year", Message: fmt.Sprintf("same year and group as %s (%s)", first, k)}}
	}
	seen[k] = it.Place
	return nil
}

// checkItem validates m, leaving out what the reading problems already
// explain: a year that could not be read is not also "year 0".
func checkItem(ind domain.Indicator, m domain.Measurement, it entryItem) []domain.FieldError {
	bad, badNumber := map[string]bool{}, false
	for _, fe := range it.Errs {
		bad[fe.Field] = true
		badNumber = badNumber || numericFields[fe.Field]
	}
	var out []domain.FieldError
	for _, fe := range domain.ValidateMeasurement(ind, m, it.Place) {
		if !bad[fe.Field] && !(badNumber && numericFields[fe.Field]) {
			out = append(out, fe)
		}
	}
	return out
}

func hasFieldError(errs []domain.FieldError, field string) bool {
	for _, fe := range errs {
		if fe.Field == field {
			return true
		}
	}
	return false
}

func figureKey(m domain.Measurement) store.MeasurementKey {
	return store.MeasurementKey{Year: m.Year, Dimension: m.Dimension, Group: m.Group}
}

func storedByKey(indicator string, ms []domain.Measurement) map[store.MeasurementKey]domain.Measurement {
	out := map[store.MeasurementKey]domain.Measurement{}
	for _, m := range ms {
		if m.Indicator == indicator {
			out[figureKey(m)] = m
		}
	}
	return out
}

// sameFigure compares what a person enters: the value and its parts, the
// note and the source (inputs are trimmed; stored text may not be).
func sameFigure(a, b domain.Measurement) bool {
	return a.Value == b.Value && samePtrNumber(a.Numerator, b.Numerator) && samePtrNumber(a.Denominator, b.Denominator) &&
		strings.TrimSpace(a.Note) == strings.TrimSpace(b.Note) && strings.TrimSpace(a.Source) == strings.TrimSpace(b.Source)
}

func samePtrNumber(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// parseOptionalCell reads an optional number cell: blank is nil.
func parseOptionalCell(s string) (*float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	v, err := domain.ParseNumber(s)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// storeItemPlaces maps the store's "item N" places back to ours.
func storeItemPlaces(err error, places []string) []domain.FieldError {
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.EINVALID {
		return nil
	}
	if len(de.Fields) == 0 {
		return []domain.FieldError{{Field: "figures", Message: de.Message}}
	}
	out := make([]domain.FieldError, len(de.Fields))
	for i, fe := range de.Fields {
		var n int
		if _, scanErr := fmt.Sscanf(fe.Place, "item %d", &n); scanErr == nil && n >= 1 && n <= len(places) {
			fe.Place = places[n-1]
		}
		out[i] = fe
	}
	return out
}
