package report

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/progress"
)

// Audience says which figures a reader may see.
type Audience struct {
	// Member can see the partnership even when it is not published.
	Member bool
	// SmallCells lets the reader see figures below the suppression threshold.
	SmallCells bool
	// Pending adds the figures awaiting approval (submitted) to each
	// indicator's Figures, where their status marks them. Series, charts and
	// statuses still use approved figures only, so a figure nobody has
	// checked never moves a status. It is ignored unless Member is set.
	Pending bool
}

// Public is the audience of anyone without a login.
var Public = Audience{}

// Partnership is the read model of one partnership's pages and API.
type Partnership struct {
	domain.Partnership
	Audience   Audience // whom the report was built for
	Bundle     *domain.Bundle
	Indicators []*Indicator
	Headline   progress.Headline
	Goals      []Goal
}

// Goal is an agenda item with the reports of its indicators.
type Goal struct {
	domain.Goal
	Indicators []*Indicator
}

// Indicator is one indicator's progress as its audience may see it.
type Indicator struct {
	domain.Indicator
	Goal         domain.Goal
	Series       []progress.Point // all-groups, approved, unsuppressed
	Result       progress.Result
	Glide        []progress.Point
	Summary      string
	Figures      []Figure // every figure of the indicator, all groups first
	Comparisons  []domain.Comparison
	Dimensions   []Dimension
	Steward      *domain.Partner
	Contributors []domain.Partner
	Predicts     *domain.Indicator  // the core indicator a contributing one predicts
	PredictedBy  []domain.Indicator // contributing indicators that predict this one
}

// Build computes the report of a bundle for an audience. currentYear flags
// stale data.
func Build(b *domain.Bundle, aud Audience, currentYear int) *Partnership {
	threshold := b.Partnership.SuppressionThreshold
	if aud.SmallCells {
		threshold = 0
	}
	byInd := byIndicator(Suppress(withStatus(b.Measurements, domain.StatusApproved), threshold))
	var pending map[string][]Figure
	if aud.Pending && aud.Member {
		pending = byIndicator(Suppress(withStatus(b.Measurements, domain.StatusSubmitted), threshold))
	}
	cmp := map[string][]domain.Comparison{}
	for _, c := range b.Comparisons {
		cmp[c.Indicator] = append(cmp[c.Indicator], c)
	}
	p := &Partnership{Partnership: b.Partnership, Audience: aud, Bundle: b}
	results := make([]progress.Result, 0, len(b.Indicators))
	for _, ind := range b.Indicators {
		r := buildIndicator(b, ind, byInd[ind.Slug], currentYear)
		r.Figures = withPending(r.Figures, pending[ind.Slug])
		r.Comparisons = cmp[ind.Slug]
		p.Indicators = append(p.Indicators, r)
		results = append(results, r.Result)
	}
	p.Headline = progress.Summarize(results)
	p.Goals = goals(b.Goals, p.Indicators)
	return p
}

// Indicator returns the report of the indicator with the given slug.
func (p *Partnership) Indicator(slug string) *Indicator {
	for _, r := range p.Indicators {
		if r.Slug == slug {
			return r
		}
	}
	return nil
}

func withStatus(ms []domain.Measurement, st domain.MeasurementStatus) []domain.Measurement {
	out := make([]domain.Measurement, 0, len(ms))
	for _, m := range ms {
		if m.Status == st {
			out = append(out, m)
		}
	}
	return out
}

func byIndicator(figs []Figure) map[string][]Figure {
	out := map[string][]Figure{}
	for _, f := range figs {
		out[f.Indicator] = append(out[f.Indicator], f)
	}
	return out
}

// withPending returns the approved figures with the pending ones merged in
// order, in a new slice: the approved one also backs the series.
func withPending(figs, pending []Figure) []Figure {
	if len(pending) == 0 {
		return figs
	}
	out := append(slices.Clone(figs), pending...)
	sort.SliceStable(out, func(i, j int) bool { return figLess(out[i], out[j]) })
	return out
}

func buildIndicator(b *domain.Bundle, ind domain.Indicator, figs []Figure, currentYear int) *Indicator {
	sort.SliceStable(figs, func(i, j int) bool { return figLess(figs[i], figs[j]) })
	r := &Indicator{Indicator: ind, Figures: figs}
	for _, g := range b.Goals {
		if g.Slug == ind.Goal {
			r.Goal = g
		}
	}
	r.Series = allGroups(figs)
	r.Result = progress.Assess(progress.Input{
		Direction:   ind.Direction,
		Method:      ind.Method,
		Baseline:    point(ind.Baseline),
		Target:      point(ind.Target),
		Series:      r.Series,
		CurrentYear: currentYear,
	})
	if r.Result.Baseline != nil && ind.Target != nil {
		r.Glide = progress.GlidePath(*r.Result.Baseline, *point(ind.Target))
	}
	r.Summary = progress.Summary(ind.Name, func(v float64) string { return Value(ind, v) }, r.Result)
	r.Dimensions = dimensions(ind, figs, r.Result)
	if len(r.Series) == 0 && len(r.Dimensions) > 0 {
		d := r.Dimensions[0]
		r.Summary = fmt.Sprintf("No figure for all groups together yet; %d groups by %s have figures (see below).", len(d.Groups), strings.ToLower(d.Name))
	}
	links(b, ind, r)
	return r
}

func figLess(a, b Figure) bool {
	if a.AllGroups() != b.AllGroups() {
		return a.AllGroups()
	}
	if a.Dimension != b.Dimension {
		return a.Dimension < b.Dimension
	}
	if a.Group != b.Group {
		return a.Group < b.Group
	}
	return a.Year < b.Year
}

func allGroups(figs []Figure) []progress.Point {
	var pts []progress.Point
	for _, f := range figs {
		if f.AllGroups() && !f.Suppressed {
			pts = append(pts, progress.Point{Year: f.Year, Value: f.Value})
		}
	}
	return pts
}

func point(yv *domain.YearValue) *progress.Point {
	if yv == nil {
		return nil
	}
	return &progress.Point{Year: yv.Year, Value: yv.Value}
}

func links(b *domain.Bundle, ind domain.Indicator, r *Indicator) {
	for i, p := range b.Partners {
		if p.Slug == ind.Steward {
			r.Steward = &b.Partners[i]
		}
		for _, s := range p.Contributes {
			if s == ind.Slug {
				r.Contributors = append(r.Contributors, p)
			}
		}
	}
	for i, other := range b.Indicators {
		if other.Slug == ind.Predicts {
			r.Predicts = &b.Indicators[i]
		}
		if other.Predicts == ind.Slug {
			r.PredictedBy = append(r.PredictedBy, other)
		}
	}
}

func goals(gs []domain.Goal, inds []*Indicator) []Goal {
	out := make([]Goal, len(gs))
	for i, g := range gs {
		out[i] = Goal{Goal: g}
		for _, r := range inds {
			if r.Indicator.Goal == g.Slug {
				out[i].Indicators = append(out[i].Indicators, r)
			}
		}
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }
