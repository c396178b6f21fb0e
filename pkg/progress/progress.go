// Package progress computes whether an indicator is on track toward its
// target: the pace ratio against the glide path, the least-squares
// projection, equity gaps between groups and the partnership's headline.
// It is pure (numbers in, numbers out) so the About page can describe
// exactly what every status means, and every rule is a table test.
package progress

import (
	"fmt"
	"math"
	"slices"

	"github.com/impactboard/impactboard/pkg/domain"
)

// tolerance absorbs floating-point noise: two values closer than this are
// equal, so 90 entered as 89.99999999999 still meets a target of 90.
const tolerance = 1e-9

// staleAfter is how many years old the latest figure may be before a page
// warns that the status describes the past.
const staleAfter = 2

// Point is a value at a year (the ending year of a school year).
type Point struct {
	Year  int     `json:"year"`
	Value float64 `json:"value"`
}

// Input is what Assess needs to know about one indicator.
type Input struct {
	Direction   domain.Direction // required: there is no safe default
	Method      domain.Method    // "" means linear
	Baseline    *Point           // the declared baseline; nil = earliest point of Series
	Target      *Point           // nil = no target
	Series      []Point          // the all-groups series, any order
	CurrentYear int              // for staleness; 0 = don't flag
}

// Result is the assessment of one indicator.
type Result struct {
	Status Status   `json:"status"`
	Ratio  *float64 `json:"ratio,omitempty"`
	// Method is the method actually used: linear when cagr had to fall back.
	Method     domain.Method `json:"method"`
	MethodNote string        `json:"method_note,omitempty"`
	Baseline   *Point        `json:"baseline,omitempty"`
	Latest     *Point        `json:"latest,omitempty"`
	Target     *Point        `json:"target,omitempty"`
	// Expected is the glide-path value at the latest year (the target value
	// once the target year has passed).
	Expected *float64 `json:"expected,omitempty"`
	Change   *float64 `json:"change,omitempty"` // latest - baseline
	// Improving is set whenever the latest figure can be compared with the
	// baseline; false when it is worse or unchanged.
	Improving  *bool       `json:"improving,omitempty"`
	Stale      bool        `json:"stale"`
	Projection *Projection `json:"projection,omitempty"`
}

// Assess computes the status of one indicator from its all-groups series.
// Invalid input (an unknown direction, two figures for one year, a value
// that is not a number) yields InsufficientData with MethodNote saying why,
// never a guess.
func Assess(in Input) Result {
	method, note := resolveMethod(in.Method)
	r := Result{Status: InsufficientData, Method: method, MethodNote: note, Target: clonePoint(in.Target)}
	if problem := checkInput(in); problem != "" {
		r.MethodNote = problem
		return r
	}
	series, latest := merge(in.Series, in.Baseline)
	if len(series) == 0 {
		return r
	}
	baseline := chooseBaseline(in.Baseline, series)
	r.Baseline = &baseline
	if latest == nil {
		return r
	}
	r.Latest = latest
	r.Stale = in.CurrentYear != 0 && in.CurrentYear-latest.Year > staleAfter
	if latest.Year <= baseline.Year {
		return r
	}
	assessChange(&r, in, series)
	return r
}

// assessChange fills what needs a baseline and a later figure.
func assessChange(r *Result, in Input, series []Point) {
	b, l := *r.Baseline, *r.Latest
	r.Change = ptr(difference(l.Value, b.Value))
	r.Improving = ptr(gain(in.Direction, b.Value, l.Value) > tolerance)
	r.Projection = Project(series, b.Year, in.Target, in.Direction)
	if in.Target == nil {
		r.Status = trendStatus(in.Direction, b.Value, l.Value)
		return
	}
	r.Expected = ptr(expectedAt(b, *in.Target, l.Year))
	a := assessTarget(in.Direction, r.Method, b, l, *in.Target)
	r.Status, r.Ratio, r.Method = a.status, a.ratio, a.method
	if a.note != "" {
		r.MethodNote = a.note
	}
}

// resolveMethod maps the declared method to one this package implements.
func resolveMethod(m domain.Method) (domain.Method, string) {
	switch m {
	case "", domain.MethodLinear:
		return domain.MethodLinear, ""
	case domain.MethodCAGR:
		return domain.MethodCAGR, ""
	}
	return domain.MethodLinear, fmt.Sprintf("unknown method %q; linear method used", m)
}

// checkInput reports input no status can honestly be computed from.
func checkInput(in Input) string {
	if in.Direction != domain.HigherIsBetter && in.Direction != domain.LowerIsBetter {
		return fmt.Sprintf("direction %q must be higher or lower", in.Direction)
	}
	for _, p := range []*Point{in.Baseline, in.Target} {
		if p != nil && !domain.Finite(p.Value) {
			return fmt.Sprintf("the %d value is not a usable number", p.Year)
		}
	}
	seen := make(map[int]bool, len(in.Series))
	for _, p := range in.Series {
		if !domain.Finite(p.Value) {
			return fmt.Sprintf("the %d value is not a usable number", p.Year)
		}
		if seen[p.Year] {
			return fmt.Sprintf("two all-groups figures for %d; each year needs exactly one", p.Year)
		}
		seen[p.Year] = true
	}
	return ""
}

// merge sorts the series by year and puts the declared baseline in it,
// replacing a figure of the same year: the baseline is what the partnership
// set, so it wins over a later restatement. latest is the figure at the
// series' own greatest year (nil when the series is empty), so a declared
// baseline never passes for a new measurement.
func merge(series []Point, baseline *Point) (merged []Point, latest *Point) {
	merged = slices.Clone(series)
	if baseline != nil {
		merged = slices.DeleteFunc(merged, func(p Point) bool { return p.Year == baseline.Year })
		merged = append(merged, *baseline)
	}
	slices.SortFunc(merged, func(a, b Point) int { return a.Year - b.Year })
	if len(series) == 0 {
		return merged, nil
	}
	last := slices.MaxFunc(series, func(a, b Point) int { return a.Year - b.Year })
	i := slices.IndexFunc(merged, func(p Point) bool { return p.Year == last.Year })
	l := merged[i]
	return merged, &l
}

// chooseBaseline returns the declared baseline, else the earliest figure.
func chooseBaseline(declared *Point, sorted []Point) Point {
	if declared != nil {
		return *declared
	}
	return sorted[0]
}

// gain is how far to is better than from in the desired direction:
// positive means better, whichever way "better" points.
func gain(dir domain.Direction, from, to float64) float64 {
	if dir == domain.LowerIsBetter {
		return from - to
	}
	return to - from
}

// trendStatus is the status of an indicator without a target.
func trendStatus(dir domain.Direction, baseline, latest float64) Status {
	g := gain(dir, baseline, latest)
	switch {
	case g > tolerance:
		return Improving
	case g < -tolerance:
		return Worsening
	}
	return NoChange
}

func ptr[T any](v T) *T { return &v }

// difference is a - b without the binary noise of the subtraction (80.2 -
// 81 is -0.7999999999999972), which would otherwise reach the API and
// exports; published figures never carry nine decimals.
func difference(a, b float64) float64 {
	return math.Round((a-b)*1e9) / 1e9
}

func clonePoint(p *Point) *Point {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}
