package charts

import (
	"fmt"
	"math"
	"strconv"
)

// checkYear rejects a year outside the supported range.
func checkYear(what string, year int) error {
	if year < minYear || year > maxYear {
		return fmt.Errorf("%s: year %d is outside %d..%d", what, year, minYear, maxYear)
	}
	return nil
}

// checkPoints rejects what would break the option: a year out of range, a
// year given twice (which value to draw?), or a value JSON cannot hold
// (NaN, ±Inf).
func checkPoints(what string, ps []Point) error {
	seen := make(map[int]bool, len(ps))
	for _, p := range ps {
		if err := checkYear(what, p.Year); err != nil {
			return err
		}
		if seen[p.Year] {
			return fmt.Errorf("%s: year %d appears twice", what, p.Year)
		}
		seen[p.Year] = true
		if err := checkValue(fmt.Sprintf("%s %d", what, p.Year), p.Value); err != nil {
			return err
		}
	}
	return nil
}

func checkValue(what string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s: value %v is not a finite number", what, v)
	}
	return nil
}

func checkLines(ls []Line) error {
	seen := make(map[string]bool, len(ls))
	for _, l := range ls {
		if l.Name == "" {
			return fmt.Errorf("a series has no name")
		}
		if seen[l.Name] {
			return fmt.Errorf("series %q appears twice", l.Name)
		}
		seen[l.Name] = true
		if err := checkPoints("series "+strconv.Quote(l.Name), l.Points); err != nil {
			return err
		}
		for _, y := range l.Suppressed {
			if err := checkYear("series "+strconv.Quote(l.Name)+" suppressed", y); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkBounds(lo, hi *float64) error {
	for _, b := range []*float64{lo, hi} {
		if b != nil {
			if err := checkValue("axis bound", *b); err != nil {
				return err
			}
		}
	}
	if lo != nil && hi != nil && *lo >= *hi {
		return fmt.Errorf("axis minimum %v is not below maximum %v", *lo, *hi)
	}
	return nil
}
