package dashboard

import (
	"fmt"
	"strings"
)

// suggestKey names the closest known key, or lists them all, so a typo is
// fixed without opening the documentation.
func suggestKey(got string, known []string) string {
	if s := suggest(got, known); s != "" {
		return s
	}
	return " (known keys: " + strings.Join(known, ", ") + ")"
}

// suggest returns ` (did you mean "x"?)` for the candidate within two edits
// of got, or "" when none is that close.
func suggest(got string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := distance(strings.ToLower(got), c); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" || best == got {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
