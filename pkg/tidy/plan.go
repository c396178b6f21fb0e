package tidy

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// DefaultStatus is the status of a new figure whose row leaves status
// empty. A figure that exists keeps its stored status instead, so that
// re-importing a file without a status column changes nothing.
const DefaultStatus = domain.StatusApproved

// Checker validates rows against a partnership's indicators: an unknown
// indicator, a percentage over 100, a numerator over its denominator.
type Checker struct {
	partnership string
	indicators  map[string]domain.Indicator
	normalized  map[string]string // loosely written slug -> slug, for suggestions
}

// NewChecker returns a Checker for the indicators of one partnership.
func NewChecker(partnership string, indicators []domain.Indicator) *Checker {
	c := &Checker{partnership: partnership, indicators: map[string]domain.Indicator{}, normalized: map[string]string{}}
	for _, ind := range indicators {
		c.indicators[ind.Slug] = ind
		c.normalized[normalizeSlug(ind.Slug)] = ind.Slug
	}
	return c
}

// Check returns r's problems; none means the row can be imported.
func (c *Checker) Check(r Row) []Problem {
	ind, ok := c.indicators[r.M.Indicator]
	if !ok {
		return []Problem{{Row: r.Line, Column: ColIndicator, Message: c.unknown(r.M.Indicator)}}
	}
	m := r.M
	if m.Status == "" {
		m.Status = DefaultStatus
	}
	var out []Problem
	for _, fe := range domain.ValidateMeasurement(ind, m, "") {
		out = append(out, Problem{Row: r.Line, Column: fe.Field, Message: fe.Message})
	}
	return out
}

func (c *Checker) unknown(slug string) string {
	msg := fmt.Sprintf("unknown indicator %q: partnership %s has no indicator with that slug", slug, c.partnership)
	if s, ok := c.normalized[normalizeSlug(slug)]; ok {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg
}

func normalizeSlug(s string) string {
	return strings.NewReplacer("_", "-", " ", "-").Replace(strings.ToLower(strings.TrimSpace(s)))
}

// Change is one figure an import would add (Old is nil) or change.
type Change struct {
	Row int                 `json:"row"`
	Key string              `json:"key"` // domain.MeasurementKey
	Old *domain.Measurement `json:"old,omitempty"`
	New domain.Measurement  `json:"new"`
}

// Plan is what importing rows would do, for a dry run. Added and Changed
// list the changes (all of them from PlanImport; the first few from a
// Planner with a limit); NumAdded and NumChanged count them all. Problems
// lists rows that cannot be imported; an import applies only when there
// are none. Fingerprint identifies the stored figures the rows touch (or
// their absence), so that a confirmation can tell whether they changed
// since the plan was shown.
type Plan struct {
	Added       []Change  `json:"added"`
	Changed     []Change  `json:"changed"`
	NumAdded    int       `json:"num_added"`
	NumChanged  int       `json:"num_changed"`
	Unchanged   int       `json:"unchanged"`
	Problems    []Problem `json:"problems"`
	Fingerprint string    `json:"fingerprint"`
}

// PlanImport compares rows with the figures b holds: a row whose key is new
// is added, one whose value, numerator, denominator, note, source or status
// differs is changed, the rest are left alone. Fields the file has no
// column for (Row.Absent) and an empty status keep their stored values.
// Each figure is checked against its indicator as it would be stored;
// duplicate keys are problems naming both rows.
func PlanImport(b *domain.Bundle, rows []Row) Plan {
	pl := NewPlanner(b, -1)
	for _, r := range rows {
		pl.Add(r)
	}
	return pl.Plan()
}

// Planner works a Plan out row by row, as PlanImport does, so that a dry
// run of a large file holds the stored figures and a small key per row,
// not the rows.
type Planner struct {
	check  *Checker
	keys   keys // of the rows so far, to find duplicates
	stored map[packedKey]storedFigure
	texts  texts
	list   int
	plan   Plan
	ps     problems
	seen   hash.Hash // of the stored figures the rows touch, for Plan.Fingerprint
}

// NewPlanner returns a Planner against the figures b holds (Stored adds
// more: a store can hand them out one at a time instead) that lists at
// most list added and list changed figures (all when list < 0).
func NewPlanner(b *domain.Bundle, list int) *Planner {
	pl := &Planner{check: NewChecker(b.Partnership.Slug, b.Indicators), keys: newKeys(),
		stored: make(map[packedKey]storedFigure, len(b.Measurements)), texts: texts{ids: map[string]uint32{}},
		list: list, seen: sha256.New()}
	for _, m := range b.Measurements {
		pl.Stored(m)
	}
	return pl
}

// Add plans one row.
func (pl *Planner) Add(r Row) {
	if r.M.Year < domain.MinYear || r.M.Year > domain.MaxYear {
		pl.problems(pl.check.Check(r)) // before its key is packed into 32 bits
		return
	}
	if first, dup := pl.keys.add(r); dup {
		pl.ps.add(r.Line, "", "duplicate of row %d: the same indicator, year, dimension and group", first)
		return
	}
	s, exists := pl.stored[pl.keys.pack(r.M)]
	var old domain.Measurement
	m := r.M
	if exists {
		old = pl.measurement(r.M, s)
	}
	pl.touch(r.M, old, exists)
	if exists {
		m = keepStored(old, m, r.Absent)
	} else if m.Status == "" {
		m.Status = DefaultStatus
	}
	if found := pl.check.Check(Row{Line: r.Line, M: m}); len(found) > 0 {
		pl.problems(found)
		return
	}
	change := Change{Row: r.Line, Key: domain.MeasurementKey(m), New: m}
	switch {
	case !exists:
		pl.plan.NumAdded++
		pl.plan.Added = pl.listed(pl.plan.Added, change)
	case sameFigure(old, m):
		pl.plan.Unchanged++
	default:
		pl.plan.NumChanged++
		change.Old = &old
		pl.plan.Changed = pl.listed(pl.plan.Changed, change)
	}
}

func (pl *Planner) problems(found []Problem) {
	for _, p := range found {
		pl.ps.addProblem(p)
	}
}

func (pl *Planner) listed(list []Change, c Change) []Change {
	if pl.list >= 0 && len(list) >= pl.list {
		return list
	}
	return append(list, c)
}

// touch adds the stored state of m's key to the fingerprint: every field
// an import compares, or that nothing is stored. Unchanged figures count
// too: a preview that said "unchanged" must not overwrite a later edit.
func (pl *Planner) touch(m, old domain.Measurement, exists bool) {
	key := domain.MeasurementKey(m)
	if !exists {
		fmt.Fprintf(pl.seen, "%q absent\n", key)
		return
	}
	fmt.Fprintf(pl.seen, "%q %s %s %s %q %q %q\n", key, number(&old.Value), number(old.Numerator), number(old.Denominator),
		old.Note, old.Source, old.Status)
}

// Plan returns the plan of the rows added so far.
func (pl *Planner) Plan() Plan {
	p := pl.plan
	p.Problems = pl.ps.result()
	p.Fingerprint = hex.EncodeToString(pl.seen.Sum(nil))
	return p
}

// keepStored gives m the stored values of the fields its file lacks, and
// the stored status when m has none.
func keepStored(old, m domain.Measurement, absent []string) domain.Measurement {
	for _, f := range absent {
		switch f {
		case ColNumerator:
			m.Numerator = old.Numerator
		case ColDenominator:
			m.Denominator = old.Denominator
		case ColNote:
			m.Note = old.Note
		case ColSource:
			m.Source = old.Source
		}
	}
	if m.Status == "" {
		m.Status = old.Status
	}
	return m
}

// sameFigure compares what an import can set; who entered a figure and when
// follow from the import itself.
func sameFigure(a, b domain.Measurement) bool {
	return a.Value == b.Value && sameNumber(a.Numerator, b.Numerator) && sameNumber(a.Denominator, b.Denominator) &&
		a.Note == b.Note && a.Source == b.Source && a.Status == b.Status
}

func sameNumber(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
