package progress

import (
	"math"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Thresholds on the pace ratio R.
const (
	OnTrackRatio      = 0.95
	AccelerationRatio = 0.60
)

// cagrFallbackNote explains why a cagr indicator was measured linearly.
const cagrFallbackNote = "CAGR is undefined for a zero or negative value; linear method used"

// targetAssessment is the outcome of comparing the latest figure with a target.
type targetAssessment struct {
	status Status
	ratio  *float64
	method domain.Method
	note   string
}

// assessTarget applies the target rules to a latest figure after the baseline.
func assessTarget(dir domain.Direction, method domain.Method, b, l, t Point) targetAssessment {
	if gain(dir, t.Value, l.Value) >= -tolerance {
		return targetAssessment{status: TargetMet, method: method}
	}
	if l.Year >= t.Year {
		return targetAssessment{status: TargetMissed, method: method}
	}
	a := targetAssessment{method: method}
	if method == domain.MethodCAGR && !cagrDefined(b.Value, l.Value, t.Value) {
		a.method, a.note = domain.MethodLinear, cagrFallbackNote
	}
	if gain(dir, b.Value, t.Value) <= tolerance {
		// The target is no better than the baseline, so the pace needed is
		// zero (or negative) and R = change/0 means nothing. The target is
		// not met, so the latest figure is behind a target the baseline
		// already reached: it has moved away, which is deterioration.
		a.status = Deterioration
		return a
	}
	r := paceRatio(a.method, b, l, t)
	a.status, a.ratio = ratioStatus(r), &r
	return a
}

// paceRatio is R: the progress made over the progress the glide path asked
// for by now. Both formulas carry the sign of the direction themselves,
// because the target's side of the baseline is the desired direction.
func paceRatio(method domain.Method, b, l, t Point) float64 {
	if method == domain.MethodCAGR {
		return cagr(b, l) / cagr(b, t)
	}
	return (l.Value - b.Value) / (expectedAt(b, t, l.Year) - b.Value)
}

// cagr is the compound annual growth rate from b to p.
func cagr(b, p Point) float64 {
	return math.Pow(p.Value/b.Value, 1/float64(p.Year-b.Year)) - 1
}

// cagrDefined reports whether every ratio of values is positive. A zero
// target would need a rate of -100% that no compounding ever reaches.
func cagrDefined(values ...float64) bool {
	for _, v := range values {
		if v <= 0 {
			return false
		}
	}
	return true
}

// ratioStatus maps R to a status.
func ratioStatus(r float64) Status {
	switch {
	case r >= OnTrackRatio:
		return OnTrack
	case r >= AccelerationRatio:
		return AccelerationNeeded
	case r >= 0:
		return LimitedProgress
	}
	return Deterioration
}

// expectedAt is the glide-path value at year: the straight line from the
// baseline to the target, and the target itself once its year has come.
func expectedAt(b, t Point, year int) float64 {
	if year >= t.Year || t.Year <= b.Year {
		return t.Value
	}
	return b.Value + (t.Value-b.Value)*float64(year-b.Year)/float64(t.Year-b.Year)
}

// GlidePath is the straight line from baseline to target, one point per
// year, both ends included. It is nil when the target year is not after the
// baseline year, since there is no time to glide over.
func GlidePath(baseline, target Point) []Point {
	if target.Year <= baseline.Year {
		return nil
	}
	path := make([]Point, 0, target.Year-baseline.Year+1)
	for y := baseline.Year; y <= target.Year; y++ {
		path = append(path, Point{Year: y, Value: expectedAt(baseline, target, y)})
	}
	return path
}
