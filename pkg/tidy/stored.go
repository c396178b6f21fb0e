package tidy

import (
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// storedFigure is a stored figure as a Planner keeps it: only what an
// import compares or shows, its texts numbered. A dry run against a
// million stored figures held them as domain.Measurements (a dozen
// strings, pointers and a time each, some 850 MB); this is a tenth.
type storedFigure struct {
	value, numerator, denominator float64
	note, source, status          uint32 // in Planner.texts
	hasNumerator, hasDenominator  bool
}

// texts numbers the note, source and status texts of stored figures:
// sources and statuses repeat across thousands of figures.
type texts struct {
	ids  map[string]uint32
	list []string
}

func (t *texts) id(s string) uint32 {
	if id, ok := t.ids[s]; ok {
		return id
	}
	id := uint32(len(t.list))
	s = strings.Clone(s) // a scanned string may share memory with a larger buffer
	t.ids[s] = id
	t.list = append(t.list, s)
	return id
}

// Stored adds a figure the partnership holds, for rows with its key to be
// compared with. Every stored figure must be added before the first row.
func (pl *Planner) Stored(m domain.Measurement) {
	s := storedFigure{value: m.Value, note: pl.texts.id(m.Note), source: pl.texts.id(m.Source),
		status: pl.texts.id(string(m.Status))}
	if m.Numerator != nil {
		s.numerator, s.hasNumerator = *m.Numerator, true
	}
	if m.Denominator != nil {
		s.denominator, s.hasDenominator = *m.Denominator, true
	}
	pl.stored[pl.keys.pack(m)] = s
}

// measurement is s as the figure with key's indicator, year, dimension and
// group. Who entered it and when are not kept: no plan shows them.
func (pl *Planner) measurement(key domain.Measurement, s storedFigure) domain.Measurement {
	m := domain.Measurement{Indicator: key.Indicator, Year: key.Year, Dimension: key.Dimension, Group: key.Group,
		Value: s.value, Note: pl.texts.list[s.note], Source: pl.texts.list[s.source],
		Status: domain.MeasurementStatus(pl.texts.list[s.status])}
	if s.hasNumerator {
		m.Numerator = &s.numerator
	}
	if s.hasDenominator {
		m.Denominator = &s.denominator
	}
	return m
}
