package progress

import "github.com/impactboard/impactboard/pkg/domain"

// ProjectionHorizon is the first year a projection no longer looks at: a
// line that reaches the target only after it says "never" in practice.
const ProjectionHorizon = 2100

// Projection is the least-squares line through the figures since the
// baseline: Value = Slope*Year + Intercept.
type Projection struct {
	Slope     float64 `json:"slope"`
	Intercept float64 `json:"intercept"`
	// Points is the line from the first fitted year to the later of the
	// target year and the latest year, one point per year.
	Points          []Point  `json:"points"`
	TargetYearValue *float64 `json:"target_year_value,omitempty"`
	// ReachedYear is the first year from the first fitted year on where the
	// line is at or beyond the target in the desired direction; nil when it
	// never is before ProjectionHorizon.
	ReachedYear *int `json:"reached_year,omitempty"`
}

// Project fits a least-squares line through the points with Year >=
// baselineYear. It is nil with fewer than two such points or when they all
// share one year, since no line is determined.
func Project(series []Point, baselineYear int, target *Point, dir domain.Direction) *Projection {
	var used []Point
	for _, p := range series {
		if p.Year >= baselineYear {
			used = append(used, p)
		}
	}
	slope, intercept, ok := leastSquares(used)
	if !ok {
		return nil
	}
	pr := &Projection{Slope: slope, Intercept: intercept}
	first, last := yearRange(used)
	if target != nil {
		last = max(last, target.Year)
		pr.TargetYearValue = ptr(pr.At(target.Year))
		pr.ReachedYear = pr.reached(first, *target, dir)
	}
	for y := first; y <= last; y++ {
		pr.Points = append(pr.Points, Point{Year: y, Value: pr.At(y)})
	}
	return pr
}

// At is the line's value at year.
func (pr *Projection) At(year int) float64 {
	return pr.Slope*float64(year) + pr.Intercept
}

// reached walks year by year rather than solving for the crossing, so the
// answer agrees exactly with the values drawn (and their tolerance).
func (pr *Projection) reached(from int, target Point, dir domain.Direction) *int {
	for y := from; y < ProjectionHorizon; y++ {
		if gain(dir, target.Value, pr.At(y)) >= -tolerance {
			return ptr(y)
		}
	}
	return nil
}

// leastSquares fits y = slope*x + intercept. Years are centred on their mean
// before summing so squares of years near 2000 do not cost precision.
func leastSquares(pts []Point) (slope, intercept float64, ok bool) {
	if len(pts) < 2 {
		return 0, 0, false
	}
	var mx, my float64
	for _, p := range pts {
		mx += float64(p.Year)
		my += p.Value
	}
	n := float64(len(pts))
	mx, my = mx/n, my/n
	var sxx, sxy float64
	for _, p := range pts {
		dx := float64(p.Year) - mx
		sxx += dx * dx
		sxy += dx * (p.Value - my)
	}
	if sxx == 0 {
		return 0, 0, false
	}
	slope = sxy / sxx
	return slope, my - slope*mx, true
}

func yearRange(pts []Point) (first, last int) {
	first, last = pts[0].Year, pts[0].Year
	for _, p := range pts[1:] {
		first, last = min(first, p.Year), max(last, p.Year)
	}
	return first, last
}
