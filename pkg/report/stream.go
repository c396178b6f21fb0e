package report

import (
	"slices"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/progress"
)

// ReadFigures calls fn for each approved figure of one indicator, one at a
// time. bySet orders them by dimension, year, group (each suppression set
// together); otherwise by dimension, group, year, the order of
// Indicator.Figures. allGroupsOnly reads only the all-groups figures.
// Strings sort bytewise, as Go compares them.
type ReadFigures func(indicator string, allGroupsOnly, bySet bool, fn func(domain.Measurement) error) error

// FigureFunc hands out an indicator's figures one at a time, in order.
type FigureFunc = func(yield func(Figure) error) error

// Stream is Build for exports too large to hold: the same report, with
// the same suppression, but each indicator's figures are read when it is
// its turn and handed out one by one, so memory holds one suppression set
// (an indicator's groups of one dimension and year) and not the data.
// Only approved figures are read; Audience.Pending is ignored.
type Stream struct {
	head      *Partnership
	read      ReadFigures
	allGroups map[string][]Figure // each indicator's, suppressed: a figure a year
	threshold int
	year      int
}

// NewStream reads every indicator's all-groups series (small: a figure a
// year), enough for the statuses and the headline that come first in an
// export. b holds no measurements; read gives them.
func NewStream(b *domain.Bundle, aud Audience, currentYear int, read ReadFigures) (*Stream, error) {
	s := &Stream{read: read, threshold: threshold(b, aud), year: currentYear, allGroups: map[string][]Figure{}}
	p := &Partnership{Partnership: b.Partnership, Audience: aud, Bundle: b}
	cmp := comparisonsByIndicator(b)
	for _, ind := range b.Indicators {
		figs, err := s.readAllGroups(ind.Slug)
		if err != nil {
			return nil, err
		}
		s.allGroups[ind.Slug] = figs
		r := buildIndicator(b, ind, slices.Clone(figs), currentYear)
		r.Figures, r.Comparisons = nil, cmp[ind.Slug]
		p.Indicators = append(p.Indicators, r)
	}
	p.Headline = headline(p.Indicators)
	p.Goals = goals(b.Goals, p.Indicators)
	s.head = p
	return s, nil
}

// Report is the partnership's report without figures: statuses, headline
// and goals are final; an indicator's Summary is final once Each reaches it.
func (s *Stream) Report() *Partnership { return s.head }

// Each calls fn for each indicator in order with its report (Figures and
// Dimensions left empty) and a function that reads its figures, suppressed
// for the audience exactly as Build does. figures is valid during fn only.
func (s *Stream) Each(fn func(ind *Indicator, figures FigureFunc) error) error {
	for _, r := range s.head.Indicators {
		sets, err := s.prepare(r)
		if err != nil {
			return err
		}
		if err := fn(r, s.figures(r.Slug, sets)); err != nil {
			return err
		}
	}
	return nil
}

// headline is Build's: the statuses of all indicators summed up.
func headline(inds []*Indicator) progress.Headline {
	results := make([]progress.Result, len(inds))
	for i, r := range inds {
		results[i] = r.Result
	}
	return progress.Summarize(results)
}

func threshold(b *domain.Bundle, aud Audience) int {
	if aud.SmallCells {
		return 0
	}
	return b.Partnership.SuppressionThreshold
}

func comparisonsByIndicator(b *domain.Bundle) map[string][]domain.Comparison {
	cmp := map[string][]domain.Comparison{}
	for _, c := range b.Comparisons {
		cmp[c.Indicator] = append(cmp[c.Indicator], c)
	}
	return cmp
}

func (s *Stream) readAllGroups(slug string) ([]Figure, error) {
	var ms []domain.Measurement
	err := s.read(slug, true, false, func(m domain.Measurement) error {
		ms = append(ms, m)
		return nil
	})
	return Suppress(ms, s.threshold), err
}

// setKey names a suppression set of one indicator: a dimension and a year.
type setKey struct {
	dimension string
	year      int
}

// hiddenGroups are, per set, the groups complementary suppression hides
// although they are not small themselves: Suppress hides at most one per
// set, so this stays a few per year whatever the number of groups.
type hiddenGroups map[setKey][]string

// prepare is the first of two reads of an indicator's figures, set by set:
// it runs Suppress on each set and keeps the complementary choices, and it
// finishes r's Summary, which (without an all-groups series) names the
// dimension with the most visible groups.
func (s *Stream) prepare(r *Indicator) (hiddenGroups, error) {
	if s.threshold <= 0 && len(r.Series) > 0 {
		return nil, nil // nothing to hide, and the summary is the series'
	}
	p := preparer{threshold: s.threshold, hidden: hiddenGroups{}, seen: map[[2]string]bool{}}
	if err := s.read(r.Slug, false, true, p.add); err != nil {
		return nil, err
	}
	p.flush()
	s.finishSummary(r, p.visible)
	return p.hidden, nil
}

// finishSummary rebuilds r from its all-groups figures and one figure of
// each group (a suppressed one carries no value), so Build's own code writes the summary: it counts
// groups, not points.
func (s *Stream) finishSummary(r *Indicator, visible []Figure) {
	if len(r.Series) > 0 || len(visible) == 0 {
		return
	}
	figs := append(slices.Clone(s.allGroups[r.Slug]), visible...)
	full := buildIndicator(s.head.Bundle, r.Indicator, figs, s.year)
	r.Summary = full.Summary
}

// preparer collects one suppression set at a time.
type preparer struct {
	threshold int
	set       []domain.Measurement
	key       setKey
	hidden    hiddenGroups
	seen      map[[2]string]bool // dimension and group already represented
	visible   []Figure           // the first figure of each group, suppressed or not: Build counts both
}

func (p *preparer) add(m domain.Measurement) error {
	if m.AllGroups() {
		return nil // all-groups figures are in no set
	}
	if k := (setKey{m.Dimension, m.Year}); k != p.key || len(p.set) == 0 {
		p.flush()
		p.key = k
	}
	p.set = append(p.set, m)
	return nil
}

// flush suppresses the set collected so far and starts an empty one.
func (p *preparer) flush() {
	for _, f := range Suppress(p.set, p.threshold) {
		if f.Suppressed && !small(f.Measurement, p.threshold) {
			p.hidden[p.key] = append(p.hidden[p.key], f.Group)
		}
		if g := [2]string{f.Dimension, f.Group}; !p.seen[g] {
			p.seen[g] = true
			p.visible = append(p.visible, f)
		}
	}
	p.set = p.set[:0]
}

// figures is the second read, in the order of Indicator.Figures: a figure
// is suppressed when it is small or complementary suppression chose it.
func (s *Stream) figures(slug string, hidden hiddenGroups) FigureFunc {
	return func(yield func(Figure) error) error {
		return s.read(slug, false, false, func(m domain.Measurement) error {
			hide := small(m, s.threshold) || slices.Contains(hidden[setKey{m.Dimension, m.Year}], m.Group)
			return yield(Figure{Measurement: m, Suppressed: hide})
		})
	}
}
