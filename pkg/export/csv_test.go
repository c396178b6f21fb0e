package export_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
)

func exportCSV(t *testing.T, b *domain.Bundle, aud report.Audience) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := export.CSV(&buf, report.Build(b, aud, 2026)); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&buf)
	r.FieldsPerRecord = len(export.Header)
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if !slices.Equal(rows[0], export.Header) {
		t.Fatalf("header = %q, want %q", rows[0], export.Header)
	}
	return rows[1:]
}

// parseRow reads a row back the way an import does.
func parseRow(t *testing.T, rec []string) domain.Measurement {
	t.Helper()
	year, err := strconv.Atoi(rec[1])
	if err != nil {
		t.Fatalf("year %q: %v", rec[1], err)
	}
	m := domain.Measurement{Indicator: export.RestoreCell(rec[0]), Year: year,
		Dimension: export.RestoreCell(rec[2]), Group: export.RestoreCell(rec[3]),
		Note: export.RestoreCell(rec[7]), Source: export.RestoreCell(rec[8]), Status: domain.MeasurementStatus(export.RestoreCell(rec[9]))}
	if m.Value, err = domain.ParseNumber(rec[4]); err != nil {
		t.Fatalf("value: %v", err)
	}
	m.Numerator, m.Denominator = optional(t, rec[5]), optional(t, rec[6])
	return m
}

func optional(t *testing.T, s string) *float64 {
	t.Helper()
	if s == "" {
		return nil
	}
	v, err := domain.ParseNumber(s)
	if err != nil {
		t.Fatalf("number: %v", err)
	}
	return &v
}

// tidy keeps the fields of the tidy form, as text for an exact comparison.
func tidy(m domain.Measurement) string {
	num := func(p *float64) string {
		if p == nil {
			return "nil"
		}
		return strconv.FormatFloat(*p, 'g', -1, 64)
	}
	return fmt.Sprintf("%q %d %q %q %s %s %s %q %q %q", m.Indicator, m.Year, m.Dimension, m.Group,
		num(&m.Value), num(m.Numerator), num(m.Denominator), m.Note, m.Source, m.Status)
}

// TestCSVRoundTrips reads the export back the way import does and gets
// every figure of the bundle, exactly: the seed, figures with numerators
// and denominators, and texts that had to be neutralised.
func TestCSVRoundTrips(t *testing.T) {
	bundles := append(seedBundles(t), smallCells(), hostile())
	bundles[len(bundles)-2].Partnership.Slug = "small-cells"
	bundles[len(bundles)-1].Partnership.Slug = "hostile"
	for _, b := range bundles {
		t.Run(b.Partnership.Slug, func(t *testing.T) {
			rows := exportCSV(t, b, member)
			var got, want []string
			for _, rec := range rows {
				got = append(got, tidy(parseRow(t, rec)))
			}
			for _, m := range b.Measurements {
				want = append(want, tidy(m))
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("read back %d figures, want %d; first difference:\n%s", len(got), len(want), firstDiff(got, want))
			}
			checkIndicatorOrder(t, b, rows)
		})
	}
}

func firstDiff(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return "got  " + got[i] + "\nwant " + want[i]
		}
	}
	return "(one list is longer)"
}

// checkIndicatorOrder: the rows come indicator by indicator, in the order
// of the partnership's indicators.
func checkIndicatorOrder(t *testing.T, b *domain.Bundle, rows [][]string) {
	t.Helper()
	pos := map[string]int{}
	for i, ind := range b.Indicators {
		pos[ind.Slug] = i
	}
	for i := 1; i < len(rows); i++ {
		if pos[rows[i][0]] < pos[rows[i-1][0]] {
			t.Fatalf("row %d (%s) comes after %s: not in indicator order", i+2, rows[i][0], rows[i-1][0])
		}
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	rows := exportCSV(t, hostile(), member)
	notes := map[string]bool{}
	for _, rec := range rows {
		notes[rec[7]] = true
		if rec[1] == "2030" && rec[4] != "-3.5" {
			t.Errorf("value = %q, want -3.5: numbers are never neutralised", rec[4])
		}
	}
	for _, n := range hostileNotes {
		want := n
		if n != "plain" {
			want = "'" + n
		}
		if !notes[want] {
			t.Errorf("note %q: no cell %q among %q", n, want, keys(notes))
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestCSVSuppression(t *testing.T) {
	tests := []struct {
		name   string
		aud    report.Audience
		hidden []string // groups shown as suppressed
		wantA  []string // value, numerator, denominator of group A
	}{
		{"public", report.Public, []string{"A", "B"}, []string{"suppressed", "", ""}},
		{"member without small cells", report.Audience{Member: true}, []string{"A", "B"}, []string{"suppressed", "", ""}},
		{"member with small cells", member, nil, []string{"60", "3", "5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := exportCSV(t, smallCells(), tt.aud)
			var hidden []string
			for _, rec := range rows {
				if rec[4] == export.SuppressedValue {
					hidden = append(hidden, rec[3])
					if rec[5] != "" || rec[6] != "" {
						t.Errorf("suppressed group %s shows numerator %q denominator %q", rec[3], rec[5], rec[6])
					}
				}
				if rec[3] == "A" && !slices.Equal(rec[4:7], tt.wantA) {
					t.Errorf("group A value, numerator, denominator = %q, want %q", rec[4:7], tt.wantA)
				}
			}
			if !slices.Equal(hidden, tt.hidden) {
				t.Errorf("suppressed groups = %q, want %q", hidden, tt.hidden)
			}
			// B's numbers must not be anywhere else either (a note, a total).
			if text := fmt.Sprint(rows); tt.hidden != nil && strings.Contains(text, "160") {
				t.Errorf("rows hold group B's hidden numerator: %q", rows)
			}
		})
	}
}
