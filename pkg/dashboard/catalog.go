package dashboard

import (
	"slices"

	"github.com/impactboard/impactboard/pkg/domain"
)

// BundleCatalog returns the Catalog of the given partnerships. Groups come
// from measurements of any status, not from comparison figures: a dashboard
// shows the partnership's own subgroups, and a figure still awaiting
// approval is data the dashboard will show once approved.
func BundleCatalog(bundles []*domain.Bundle) Catalog {
	c := bundleCatalog{}
	for _, b := range bundles {
		c[b.Partnership.Slug] = newPartnershipData(b)
	}
	return c
}

type bundleCatalog map[string]*partnershipData

type partnershipData struct {
	indicators map[string]bool
	goals      map[string]bool
	groups     map[[2]string][]string // {indicator, dimension} -> sorted groups
}

func newPartnershipData(b *domain.Bundle) *partnershipData {
	p := &partnershipData{indicators: map[string]bool{}, goals: map[string]bool{}, groups: map[[2]string][]string{}}
	for _, ind := range b.Indicators {
		p.indicators[ind.Slug] = true
	}
	for _, g := range b.Goals {
		p.goals[g.Slug] = true
	}
	// A set per key, not a search of the list: a partnership can have tens
	// of thousands of groups, and a search made loading it quadratic.
	seen := map[[3]string]bool{}
	for _, m := range b.Measurements {
		if m.Dimension == "" || seen[[3]string{m.Indicator, m.Dimension, m.Group}] {
			continue
		}
		seen[[3]string{m.Indicator, m.Dimension, m.Group}] = true
		k := [2]string{m.Indicator, m.Dimension}
		p.groups[k] = append(p.groups[k], m.Group)
	}
	for _, gs := range p.groups {
		slices.Sort(gs)
	}
	return p
}

func (c bundleCatalog) Partnership(slug string) bool { return c[slug] != nil }

func (c bundleCatalog) Indicator(partnership, slug string) bool {
	p := c[partnership]
	return p != nil && p.indicators[slug]
}

func (c bundleCatalog) Goal(partnership, slug string) bool {
	p := c[partnership]
	return p != nil && p.goals[slug]
}

func (c bundleCatalog) Groups(partnership, indicator, dimension string) []string {
	p := c[partnership]
	if p == nil {
		return nil
	}
	return slices.Clone(p.groups[[2]string{indicator, dimension}])
}
