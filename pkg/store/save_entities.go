package store

import (
	"cmp"
	"encoding/json"
	"slices"

	"github.com/impactboard/impactboard/pkg/domain"
)

func (s *saver) savePartners() error {
	old := map[string]domain.Partner{}
	for _, p := range s.old.Partners {
		old[p.Slug] = p
	}
	for _, p := range s.in.Partners {
		o, exists := old[p.Slug]
		if err := s.savePartner(p, o, exists); err != nil {
			return err
		}
	}
	return nil
}

// savePartner audits the partner with its contributions (which only grow)
// and writes its row if its own fields changed.
func (s *saver) savePartner(p, old domain.Partner, exists bool) error {
	p.ID, old.ID = 0, 0
	old.Contributes = s.sortIndicators(old.Contributes)
	p.Contributes = s.sortIndicators(union(old.Contributes, p.Contributes))
	if same, err := s.record("partner", p.Slug, exists, old, p); same || err != nil {
		return err
	}
	row := partnerToRow(p, s.ids.partners.bySlug[p.Slug], s.pid)
	if exists && row == partnerToRow(old, row.ID, s.pid) {
		return nil // only contributions changed: saveContributions writes them
	}
	if err := s.upsert(&row, &row.ID, exists); err != nil {
		return err
	}
	s.ids.partners.add(row.ID, p.Slug)
	return nil
}

func (s *saver) saveGoals() error {
	old := map[string]domain.Goal{}
	for _, g := range s.old.Goals {
		g.ID = 0
		old[g.Slug] = g
	}
	for _, g := range s.in.Goals {
		o, exists := old[g.Slug]
		if err := s.saveGoal(g, o, exists); err != nil {
			return err
		}
	}
	return nil
}

func (s *saver) saveGoal(g, old domain.Goal, exists bool) error {
	g.ID = 0
	if same, err := s.record("goal", g.Slug, exists, old, g); same || err != nil {
		return err
	}
	row := goalToRow(g, s.ids.goals.bySlug[g.Slug], s.pid)
	if err := s.upsert(&row, &row.ID, exists); err != nil {
		return err
	}
	s.ids.goals.add(row.ID, g.Slug)
	return nil
}

// saveIndicators writes core indicators first, so that a contributing
// indicator's reference to the core one it predicts resolves.
func (s *saver) saveIndicators() error {
	old := map[string]domain.Indicator{}
	for _, ind := range s.old.Indicators {
		ind.ID = 0
		old[ind.Slug] = ind
	}
	in := slices.Clone(s.in.Indicators)
	slices.SortStableFunc(in, func(a, b domain.Indicator) int {
		return cmp.Compare(coreFirst(a), coreFirst(b))
	})
	for _, ind := range in {
		o, exists := old[ind.Slug]
		if err := s.saveIndicator(ind, o, exists); err != nil {
			return err
		}
	}
	return nil
}

func coreFirst(ind domain.Indicator) int {
	if ind.Kind == domain.KindCore {
		return 0
	}
	return 1
}

func (s *saver) saveIndicator(ind, old domain.Indicator, exists bool) error {
	ind.ID = 0
	ind.Interim, ind.Annotations = nilIfEmpty(ind.Interim), nilIfEmpty(ind.Annotations)
	if same, err := s.record("indicator", ind.Slug, exists, old, ind); same || err != nil {
		return err
	}
	refs := indicatorRefs{
		partnership: s.pid, goal: s.ids.goals.bySlug[ind.Goal],
		steward: s.ids.partners.ref(ind.Steward), predicts: s.ids.indicators.ref(ind.Predicts),
	}
	row, err := indicatorToRow(ind, s.ids.indicators.bySlug[ind.Slug], refs)
	if err != nil {
		return err
	}
	if err := s.upsert(&row, &row.ID, exists); err != nil {
		return err
	}
	s.ids.indicators.add(row.ID, ind.Slug)
	return nil
}

// saveContributions inserts the partner-indicator links the store lacks.
func (s *saver) saveContributions() error {
	had := map[[2]string]bool{}
	for _, p := range s.old.Partners {
		for _, ind := range p.Contributes {
			had[[2]string{p.Slug, ind}] = true
		}
	}
	var rows []contributionRow
	for _, p := range s.in.Partners {
		for _, ind := range p.Contributes {
			if key := [2]string{p.Slug, ind}; !had[key] {
				had[key] = true
				rows = append(rows, contributionRow{s.pid, s.ids.partners.bySlug[p.Slug], s.ids.indicators.bySlug[ind]})
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return s.tx.CreateInBatches(&rows, batchSize).Error
}

// upsert updates row when it exists and creates it otherwise; id points at
// the row's ID field, which Create fills in.
func (s *saver) upsert(row any, id *int64, exists bool) error {
	if exists {
		return update(s.tx, row)
	}
	*id = 0
	return s.tx.Create(row).Error
}

// indicatorOrder ranks indicator slugs as Bundle orders them (position,
// then slug), the incoming bundle's positions winning over stored ones.
func indicatorOrder(old, in []domain.Indicator) map[string]int {
	pos := map[string]int{}
	for _, ind := range old {
		pos[ind.Slug] = ind.Position
	}
	for _, ind := range in {
		pos[ind.Slug] = ind.Position
	}
	slugs := make([]string, 0, len(pos))
	for slug := range pos {
		slugs = append(slugs, slug)
	}
	slices.SortFunc(slugs, func(a, b string) int {
		return cmp.Or(cmp.Compare(pos[a], pos[b]), cmp.Compare(a, b))
	})
	rank := make(map[string]int, len(slugs))
	for i, slug := range slugs {
		rank[slug] = i
	}
	return rank
}

func (s *saver) sortIndicators(slugs []string) []string {
	if len(slugs) == 0 {
		return nil
	}
	out := slices.Clone(slugs)
	slices.SortFunc(out, func(a, b string) int { return cmp.Compare(s.order[a], s.order[b]) })
	return out
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func nilIfEmpty[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	return list
}

// toJSON is the form entities take in the audit log and in change checks.
func toJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
