package progress

import "fmt"

// Headline counts a set of indicators for the partnership's front page.
type Headline struct {
	Moving     int `json:"moving"`      // latest better than baseline
	Measured   int `json:"measured"`    // latest comparable with baseline
	OnTrack    int `json:"on_track"`    // on track or target met
	WithTarget int `json:"with_target"` // indicators that have a target
	Total      int `json:"total"`
}

// Summarize counts results into a headline.
func Summarize(results []Result) Headline {
	h := Headline{Total: len(results)}
	for _, r := range results {
		if r.Improving != nil {
			h.Measured++
			if *r.Improving {
				h.Moving++
			}
		}
		if r.Target != nil {
			h.WithTarget++
		}
		if r.Status == OnTrack || r.Status == TargetMet {
			h.OnTrack++
		}
	}
	return h
}

// Text is the headline as one line, e.g. "3 of 5 indicators moving in the
// right direction; 1 on track". The on-track clause is left out when no
// indicator has a target, where "0 on track" would blame missing targets on
// the data.
func (h Headline) Text() string {
	switch {
	case h.Total == 0:
		return "No indicators yet"
	case h.Measured == 0:
		return "No indicator has figures for two years yet"
	}
	s := fmt.Sprintf("%d of %d %s moving in the right direction", h.Moving, h.Measured, plural(h.Measured, "indicator", "indicators"))
	if h.WithTarget > 0 {
		s += fmt.Sprintf("; %d on track", h.OnTrack)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
