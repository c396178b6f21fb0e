package domain

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

var plainDecimal = regexp.MustCompile(`^-?(\d+(\.\d*)?|\.\d+)$`)

// MaxAbsValue bounds every stored number; anything larger is a typo or an attack.
const MaxAbsValue = 1e15

// ParseNumber parses a plain decimal number ("84", "-3.5", ".5"). It refuses
// what strconv.ParseFloat would accept but no spreadsheet user means: NaN,
// Inf, hex, exponents, digit separators, and values beyond MaxAbsValue.
func ParseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("a number is required")
	}
	if !plainDecimal.MatchString(t) {
		return 0, fmt.Errorf("%q is not a number (use digits and a decimal point, e.g. 84.5)", s)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) > MaxAbsValue {
		return 0, fmt.Errorf("%q is out of range", s)
	}
	return v, nil
}

// Finite reports whether v is a usable number.
func Finite(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && math.Abs(v) <= MaxAbsValue
}
