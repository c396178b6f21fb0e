package progress

import (
	"fmt"
	"math"
)

// GapWords says in words how far a group is from the reference group and
// how that moved, with amount formatting a gap's size ("13.7 points").
// It names the side (behind or ahead) rather than printing signed gaps:
// the reference is the best group in the latest year, so a group can have
// been ahead of it at the baseline, and "gap closing (−31.2 → 13.7)" would
// call overtaking closing a gap.
func GapWords(g GroupGap, reference string, amount func(float64) string) string {
	switch {
	case g.First == nil || g.Last == nil:
		return fmt.Sprintf("%s: no year in common with %s", g.Group, reference)
	case g.First.Year == g.Last.Year:
		return fmt.Sprintf("%s: %s in %d", g.Group, standing(g.Last.Value, reference, amount), g.Last.Year)
	case side(g.First.Value) != side(g.Last.Value):
		return fmt.Sprintf("%s: %s in %d; now %s in %d", g.Group, "was "+standing(g.First.Value, reference, amount), g.First.Year,
			standing(g.Last.Value, "", amount), g.Last.Year)
	}
	return fmt.Sprintf("%s: %s (%s in %d, %s in %d)", g.Group, trendWords[g.Trend],
		standing(g.First.Value, reference, amount), g.First.Year, standing(g.Last.Value, "", amount), g.Last.Year)
}

var trendWords = map[string]string{
	TrendClosing: "gap closing", TrendWidening: "gap widening", TrendNoChange: "gap unchanged", TrendInsufficientData: "not enough years to tell",
}

// side is +1 behind the reference, -1 ahead of it, 0 level with it.
func side(gap float64) int {
	switch {
	case gap > tolerance:
		return 1
	case gap < -tolerance:
		return -1
	}
	return 0
}

// standing is "behind X by 13.7 points", "ahead of X by 2 points" or
// "level with X"; without a name, "behind by 13.7 points".
func standing(gap float64, reference string, amount func(float64) string) string {
	of := func(word string) string {
		if reference == "" {
			return word
		}
		return word + " " + reference
	}
	switch side(gap) {
	case 1:
		return of("behind") + " by " + amount(gap)
	case -1:
		if reference == "" {
			return "ahead by " + amount(math.Abs(gap))
		}
		return of("ahead of") + " by " + amount(math.Abs(gap))
	}
	if reference == "" {
		return "level"
	}
	return of("level with")
}
