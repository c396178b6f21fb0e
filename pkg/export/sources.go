package export

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/impactboard/impactboard/pkg/report"
)

// source is one cited address with what cites it.
type source struct {
	URL        string
	Indicators []string // slugs, in indicator order
	yearSet    map[int]bool
}

// sources lists the distinct sources of p's figures in the order they are
// first cited. Suppressed figures count: where a figure came from is not
// the figure.
func sources(p *report.Partnership) []*source {
	var out []*source
	index := map[string]*source{}
	for _, ind := range p.Indicators {
		for _, f := range ind.Figures {
			if f.Source == "" {
				continue
			}
			s, ok := index[f.Source]
			if !ok {
				s = &source{URL: f.Source, yearSet: map[int]bool{}}
				index[f.Source] = s
				out = append(out, s)
			}
			if !slices.Contains(s.Indicators, ind.Slug) {
				s.Indicators = append(s.Indicators, ind.Slug)
			}
			s.yearSet[f.Year] = true
		}
	}
	return out
}

// years writes the cited years as ranges: "2005, 2011-2013, 2019".
func (s *source) years() string {
	years := slices.Sorted(maps.Keys(s.yearSet))
	var parts []string
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		part := strconv.Itoa(years[i])
		if j > i {
			part += "-" + strconv.Itoa(years[j])
		}
		parts = append(parts, part)
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
