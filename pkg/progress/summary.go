package progress

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Summary is the one-line text under a progress chart, e.g. "4-year
// graduation rate rose from 59% (2005) to 84% (2019); acceleration needed to
// reach 90% by 2020." format writes a value with its unit ("59%").
func Summary(name string, format func(float64) string, r Result) string {
	s := summaryText(name, format, r)
	if r.Stale && r.Latest != nil {
		s += fmt.Sprintf(" Latest data is from %d.", r.Latest.Year)
	}
	return s
}

func summaryText(name string, format func(float64) string, r Result) string {
	if r.Status == InsufficientData || r.Baseline == nil || r.Latest == nil {
		return notEnough(format, r)
	}
	return capitalize(name) + " " + movement(format, *r.Baseline, *r.Latest) + "; " + verdict(format, r) + "."
}

// movement says how the value moved; whether that is good is the verdict's job.
func movement(format func(float64) string, b, l Point) string {
	switch {
	case l.Value > b.Value+tolerance:
		return fmt.Sprintf("rose from %s (%d) to %s (%d)", format(b.Value), b.Year, format(l.Value), l.Year)
	case l.Value < b.Value-tolerance:
		return fmt.Sprintf("fell from %s (%d) to %s (%d)", format(b.Value), b.Year, format(l.Value), l.Year)
	}
	return fmt.Sprintf("was unchanged at %s from %d to %d", format(l.Value), b.Year, l.Year)
}

func verdict(format func(float64) string, r Result) string {
	if r.Target == nil {
		return strings.ToLower(r.Status.Label())
	}
	goal := fmt.Sprintf("%s by %d", format(r.Target.Value), r.Target.Year)
	switch r.Status {
	case TargetMet:
		return "target met (" + goal + ")"
	case TargetMissed:
		return "target missed (" + goal + ")"
	case OnTrack:
		return "on track to reach " + goal
	case AccelerationNeeded:
		return "acceleration needed to reach " + goal
	case LimitedProgress:
		return "limited progress toward " + goal
	}
	return "deterioration, moving away from " + goal
}

// notEnough explains an InsufficientData result.
func notEnough(format func(float64) string, r Result) string {
	switch {
	case r.Baseline == nil && r.Latest == nil && r.MethodNote != "":
		return "Status not computed: " + r.MethodNote + "."
	case r.Latest == nil && r.Baseline == nil:
		return "Not enough data yet: no figures."
	case r.Latest == nil:
		return fmt.Sprintf("Not enough data yet: one figure, %s (%d).", format(r.Baseline.Value), r.Baseline.Year)
	case r.Baseline == nil || r.Latest.Year == r.Baseline.Year:
		return fmt.Sprintf("Not enough data yet: one figure, %s (%d).", format(r.Latest.Value), r.Latest.Year)
	}
	return fmt.Sprintf("Not enough data yet: no figure since the %d baseline; the latest is %s (%d).",
		r.Baseline.Year, format(r.Latest.Value), r.Latest.Year)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	c, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[n:]
}
