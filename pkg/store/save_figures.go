package store

import (
	"fmt"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
)

func (s *saver) saveMeasurements() error {
	old := make(map[string]domain.Measurement, len(s.old.Measurements))
	for _, m := range s.old.Measurements {
		old[domain.MeasurementKey(m)] = m
	}
	var creates []measurementRow
	for _, m := range s.in.Measurements {
		key := domain.MeasurementKey(m)
		o, exists := old[key]
		id := o.ID
		o.ID = 0
		m = s.fillEntry(m, o, exists)
		if exists && sameMeasurement(m, o) {
			s.res.Unchanged++
			continue
		}
		row := measurementToRow(m, id, s.ids.indicators.bySlug[m.Indicator])
		created, err := s.figure("measurement", key, exists, o, m, &row)
		if err != nil {
			return err
		}
		if created {
			creates = append(creates, row)
		}
	}
	return s.createAll(&creates, len(creates))
}

func (s *saver) saveComparisons() error {
	old := make(map[string]domain.Comparison, len(s.old.Comparisons))
	for _, c := range s.old.Comparisons {
		old[comparisonKey(c)] = c
	}
	var creates []comparisonRow
	for _, c := range s.in.Comparisons {
		key := comparisonKey(c)
		o, exists := old[key]
		id := o.ID
		o.ID, c.ID = 0, 0
		if exists && c == o {
			s.res.Unchanged++
			continue
		}
		row := comparisonToRow(c, id, s.ids.indicators.bySlug[c.Indicator])
		created, err := s.figure("comparison", key, exists, o, c, &row)
		if err != nil {
			return err
		}
		if created {
			creates = append(creates, row)
		}
	}
	return s.createAll(&creates, len(creates))
}

// figure audits one figure that is new or differs, counts it, and updates
// its row if it exists; new rows are left for the caller to insert in
// batches.
func (s *saver) figure(entity, key string, exists bool, old, new, row any) (created bool, err error) {
	same, err := s.record(entity, key, exists, old, new)
	switch {
	case err != nil:
		return false, err
	case same:
		s.res.Unchanged++
		return false, nil
	case exists:
		s.res.Changed++
		return false, update(s.tx, row)
	}
	s.res.Added++
	return true, nil
}

func (s *saver) createAll(rows any, n int) error {
	if n == 0 {
		return nil
	}
	return s.tx.CreateInBatches(rows, batchSize).Error
}

// fillEntry completes who entered a figure and when if the bundle does not
// say: an unchanged figure keeps its stored entry, a new or changed one gets
// this save's actor and time. old.ID must be zero.
func (s *saver) fillEntry(m, old domain.Measurement, exists bool) domain.Measurement {
	m.ID = 0
	if !m.EnteredAt.IsZero() {
		m.EnteredAt = m.EnteredAt.UTC().Truncate(time.Microsecond)
	}
	noTime, noActor := m.EnteredAt.IsZero(), m.EnteredBy == ""
	if exists {
		if noTime {
			m.EnteredAt = old.EnteredAt
		}
		if noActor {
			m.EnteredBy = old.EnteredBy
		}
		if sameMeasurement(m, old) {
			return m
		}
	}
	if noTime {
		m.EnteredAt = s.now
	}
	if noActor {
		m.EnteredBy = s.actor
	}
	return m
}

// sameMeasurement compares the values behind the numerator and denominator
// pointers and the instants of the entry times.
func sameMeasurement(a, b domain.Measurement) bool {
	if !sameNumber(a.Numerator, b.Numerator) || !sameNumber(a.Denominator, b.Denominator) || !a.EnteredAt.Equal(b.EnteredAt) {
		return false
	}
	a.Numerator, a.Denominator, a.EnteredAt = nil, nil, time.Time{}
	b.Numerator, b.Denominator, b.EnteredAt = nil, nil, time.Time{}
	return a == b
}

func sameNumber(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// comparisonKey is a comparison figure's natural key in the audit log.
func comparisonKey(c domain.Comparison) string {
	return fmt.Sprintf("%s/%s/%d/%s/%s", c.Indicator, c.Geography, c.Year, c.Dimension, c.Group)
}
