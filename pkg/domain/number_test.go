package domain

import "testing"

func TestParseNumber(t *testing.T) {
	good := map[string]float64{"84": 84, "80.2": 80.2, " 59 ": 59, "-3.5": -3.5, ".5": 0.5, "7.": 7, "0": 0}
	for in, want := range good {
		got, err := ParseNumber(in)
		if err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "N/A", "NaN", "nan", "Inf", "-Infinity", "1e309", "5e-400", "1e3", "0x1p4", "1_000", "1,5", "84%", "--1", "1.2.3", "1e16", "9999999999999999"} {
		if v, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q) = %v, want an error", in, v)
		}
	}
}
