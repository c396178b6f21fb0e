package progress

import (
	"strings"
	"testing"
)

func TestStatusPresentation(t *testing.T) {
	tones := map[string]bool{"good": true, "warn": true, "bad": true, "neutral": true}
	symbols, labels := map[string]Status{}, map[string]Status{}
	for _, s := range Statuses() {
		if !s.Valid() {
			t.Errorf("%s: not valid", s)
		}
		if prev, dup := symbols[s.Symbol()]; dup || s.Symbol() == "" {
			t.Errorf("%s: symbol %q empty or shared with %s", s, s.Symbol(), prev)
		}
		if prev, dup := labels[s.Label()]; dup || s.Label() == "" {
			t.Errorf("%s: label %q empty or shared with %s", s, s.Label(), prev)
		}
		symbols[s.Symbol()], labels[s.Label()] = s, s
		if !tones[s.Tone()] {
			t.Errorf("%s: tone %q not one of good, warn, bad, neutral", s, s.Tone())
		}
		if !strings.HasSuffix(s.Description(), ".") {
			t.Errorf("%s: description %q is not a sentence", s, s.Description())
		}
	}
	if got := len(Statuses()); got != 10 {
		t.Errorf("statuses: got %d, want 10", got)
	}
}

func TestStatusDetails(t *testing.T) {
	tests := []struct {
		s                   Status
		label, symbol, tone string
		mentions            string
	}{
		{TargetMet, "Target met", "✓", "good", "target"},
		{OnTrack, "On track", "▲", "good", "0.95"},
		{AccelerationNeeded, "Acceleration needed", "►", "warn", "0.60 ≤ R < 0.95"},
		{LimitedProgress, "Limited progress", "▬", "warn", "0 ≤ R < 0.60"},
		{Deterioration, "Deterioration", "▼", "bad", "R < 0"},
		{TargetMissed, "Target missed", "✗", "bad", "target year"},
		{InsufficientData, "Insufficient data", "?", "neutral", "baseline"},
		{Improving, "Improving", "+", "good", "no target"},
		{NoChange, "No change", "=", "neutral", "no target"},
		{Worsening, "Worsening", "−", "bad", "no target"},
	}
	for _, tt := range tests {
		t.Run(string(tt.s), func(t *testing.T) {
			if tt.s.Label() != tt.label || tt.s.Symbol() != tt.symbol || tt.s.Tone() != tt.tone {
				t.Errorf("got %q %q %q, want %q %q %q", tt.s.Label(), tt.s.Symbol(), tt.s.Tone(), tt.label, tt.symbol, tt.tone)
			}
			if !strings.Contains(tt.s.Description(), tt.mentions) {
				t.Errorf("description %q: want it to mention %q", tt.s.Description(), tt.mentions)
			}
		})
	}
}

func TestUnknownStatusIsNeutral(t *testing.T) {
	s := Status("great")
	if s.Valid() || s.Tone() != "neutral" || s.Label() != "Insufficient data" {
		t.Errorf("got valid=%v tone %q label %q, want an invalid neutral status", s.Valid(), s.Tone(), s.Label())
	}
}
