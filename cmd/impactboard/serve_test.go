package main

import (
	"io"
	"testing"
)

func TestParseServeBehindProxy(t *testing.T) {
	tests := []struct {
		name string
		env  string
		args []string
		want bool
	}{
		{"default", "", nil, false},
		{"flag", "", []string{"--behind-proxy"}, true},
		{"environment", "true", nil, true},
		{"flag over environment", "true", []string{"--behind-proxy=false"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("IMPACTBOARD_BEHIND_PROXY", tt.env)
			c, err := parseServe(tt.args, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			if c.BehindProxy != tt.want {
				t.Errorf("BehindProxy = %v, want %v", c.BehindProxy, tt.want)
			}
		})
	}
}
