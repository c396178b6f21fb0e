package tidy_test

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/tidy"
)

// FuzzParseCSV checks the CSV parser never panics, stops only at a limit,
// and passes on only rows with finite numbers, valid years, valid UTF-8
// text and a key not seen before. Its seed corpus is in
// testdata/fuzz/FuzzParseCSV.
func FuzzParseCSV(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		seen := map[string]bool{}
		last := 1
		problems, err := tidy.ParseCSV(bytes.NewReader(data), tidy.Options{MaxRows: 5000}, func(r tidy.Row) error {
			checkFuzzedRow(t, r, last)
			key := domain.MeasurementKey(r.M)
			if seen[key] {
				t.Errorf("row %d: duplicate key %q passed", r.Line, key)
			}
			seen[key], last = true, r.Line
			return nil
		})
		if err != nil && domain.ErrorCode(err) != domain.EINVALID {
			t.Fatalf("error %v, want problems or a limit", err)
		}
		for _, p := range problems {
			if p.Row < 0 || p.Message == "" {
				t.Errorf("problem %+v: want a row >= 0 and a message", p)
			}
		}
	})
}

func checkFuzzedRow(t *testing.T, r tidy.Row, last int) {
	t.Helper()
	m := r.M
	if r.Line <= last {
		t.Errorf("row %d after row %d, want increasing rows after the header", r.Line, last)
	}
	if m.Year < domain.MinYear || m.Year > domain.MaxYear {
		t.Errorf("row %d: year %d passed", r.Line, m.Year)
	}
	for _, v := range []*float64{&m.Value, m.Numerator, m.Denominator} {
		if v != nil && !domain.Finite(*v) {
			t.Errorf("row %d: number %v passed", r.Line, *v)
		}
	}
	for _, s := range []string{m.Indicator, m.Dimension, m.Group, m.Note, m.Source, string(m.Status)} {
		if !utf8.ValidString(s) {
			t.Errorf("row %d: invalid UTF-8 %q passed", r.Line, s)
		}
	}
	if m.Indicator == "" {
		t.Errorf("row %d: empty indicator passed", r.Line)
	}
}
