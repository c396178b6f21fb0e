package progress

// Status is where an indicator stands. Statuses with a target come from the
// pace ratio; Improving, NoChange and Worsening are for indicators without one.
type Status string

// Statuses.
const (
	TargetMet          Status = "target_met"
	OnTrack            Status = "on_track"
	AccelerationNeeded Status = "acceleration_needed"
	LimitedProgress    Status = "limited_progress"
	Deterioration      Status = "deterioration"
	TargetMissed       Status = "target_missed"
	InsufficientData   Status = "insufficient_data"
	Improving          Status = "improving"
	NoChange           Status = "no_change"
	Worsening          Status = "worsening"
)

// statusInfo is everything shown about a status besides its colour.
type statusInfo struct {
	label, symbol, tone, description string
}

// Symbols are all distinct and none relies on colour; the no-target ones
// avoid arrows because an improving lower-is-better indicator goes down.
var statuses = map[Status]statusInfo{
	TargetMet: {"Target met", "✓", "good",
		"The latest figure is at or beyond the target in the desired direction, whether or not the target year has come."},
	OnTrack: {"On track", "▲", "good",
		"Progress since the baseline is at least 95% of what the path to the target asks for by now (R ≥ 0.95)."},
	AccelerationNeeded: {"Acceleration needed", "►", "warn",
		"Progress since the baseline is between 60% and 95% of what the path to the target asks for by now (0.60 ≤ R < 0.95)."},
	LimitedProgress: {"Limited progress", "▬", "warn",
		"Progress since the baseline is less than 60% of what the path to the target asks for by now (0 ≤ R < 0.60)."},
	Deterioration: {"Deterioration", "▼", "bad",
		"The latest figure has moved away from the target since the baseline (R < 0)."},
	TargetMissed: {"Target missed", "✗", "bad",
		"The target year has come and the latest figure has not reached the target."},
	InsufficientData: {"Insufficient data", "?", "neutral",
		"There is no figure yet for a year after the baseline, so progress cannot be measured."},
	Improving: {"Improving", "+", "good",
		"There is no target; the latest figure is better than the baseline."},
	NoChange: {"No change", "=", "neutral",
		"There is no target; the latest figure equals the baseline."},
	Worsening: {"Worsening", "−", "bad",
		"There is no target; the latest figure is worse than the baseline."},
}

// Statuses lists every status in the order the About page explains them.
func Statuses() []Status {
	return []Status{TargetMet, OnTrack, AccelerationNeeded, LimitedProgress, Deterioration,
		TargetMissed, Improving, NoChange, Worsening, InsufficientData}
}

// Valid reports whether s is one of the statuses above.
func (s Status) Valid() bool {
	_, ok := statuses[s]
	return ok
}

// Label is the status in words, e.g. "On track".
func (s Status) Label() string { return s.info().label }

// Symbol is a text mark for the status, so it is never told by colour alone.
func (s Status) Symbol() string { return s.info().symbol }

// Tone is "good", "warn", "bad" or "neutral", for CSS classes.
func (s Status) Tone() string { return s.info().tone }

// Description is one plain sentence with the thresholds, for the About page.
func (s Status) Description() string { return s.info().description }

// info falls back to insufficient data so an unknown status never shows as
// good news.
func (s Status) info() statusInfo {
	if i, ok := statuses[s]; ok {
		return i
	}
	return statuses[InsufficientData]
}
