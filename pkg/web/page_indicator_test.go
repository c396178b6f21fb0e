package web_test

import (
	"strings"
	"testing"
)

const betterTogetherGraduation = "/p/better-together-central-oregon/indicators/hs-graduation-4yr"

// TestIndicatorBarsShowTheFullestYear: the latest year of any district
// (2024) has two of six, of any school (2023) one of ten; the bars show the
// latest year with the most groups instead, and say why.
func TestIndicatorBarsShowTheFullestYear(t *testing.T) {
	a := newApp(t)
	body, _ := a.get(betterTogetherGraduation, 200)
	tests := []struct{ id, want string }{
		{"dim-0-bars", `"subtext":"2018: the latest year with figures for the most groups"`},
		{"dim-1-bars", `"subtext":"2023: the latest year with figures for the most groups"`},
	}
	for _, tt := range tests {
		if opt := chartOption(t, body, tt.id); !strings.Contains(opt, tt.want) {
			t.Errorf("%s: option lacks %s", tt.id, tt.want)
		}
	}
}
