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

// sourceList collects the distinct sources of the figures written, in the
// order they are first cited. Suppressed figures count: where a figure
// came from is not the figure. It holds a source per address, not figures.
type sourceList struct {
	list  []*source
	index map[string]*source
}

func newSourceList() *sourceList { return &sourceList{index: map[string]*source{}} }

func (l *sourceList) add(slug string, f report.Figure) {
	if f.Source == "" {
		return
	}
	s, ok := l.index[f.Source]
	if !ok {
		s = &source{URL: f.Source, yearSet: map[int]bool{}}
		l.index[f.Source] = s
		l.list = append(l.list, s)
	}
	if !slices.Contains(s.Indicators, slug) {
		s.Indicators = append(s.Indicators, slug)
	}
	s.yearSet[f.Year] = true
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
