package seed

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

// sharedData is the project's file of real published figures, outside the
// module; the test is skipped where it is not checked out.
const sharedData = "../../../shared/data/real_measurements.csv"

var dataPartnerships = map[string]string{"90% by 2020": anchorage, "Better Together": betterTogether}

// figure is one seed figure, measurement or comparison, in a shape that a
// data-file row can be compared with.
type figure struct {
	partnership, indicator, geography, dimension, group, note, source string
	year                                                              int
	value                                                             float64
}

func seedFigures(bundles map[string]*domain.Bundle) []figure {
	var out []figure
	for slug, b := range bundles {
		for _, m := range b.Measurements {
			out = append(out, figure{slug, m.Indicator, "", m.Dimension, m.Group, m.Note, m.Source, m.Year, m.Value})
		}
		for _, c := range b.Comparisons {
			out = append(out, figure{slug, c.Indicator, c.Geography, c.Dimension, c.Group, c.Note, c.Source, c.Year, c.Value})
		}
	}
	return out
}

func dataSlug(indicator string) string {
	switch indicator {
	case "hs_grad_4yr":
		return "hs-graduation-4yr"
	case "hs_grad_5yr":
		return "hs-graduation-5yr"
	}
	return strings.ReplaceAll(indicator, "_", "-")
}

// matches reports whether seed figure f is the data row r (a map of the
// data file's columns).
func matches(f figure, r map[string]string) bool {
	year, _ := strconv.Atoi(r["year"])
	value, _ := strconv.ParseFloat(r["value"], 64)
	if f.partnership != dataPartnerships[r["partnership"]] || f.indicator != dataSlug(r["indicator"]) ||
		f.year != year || f.value != value || f.source != r["source_url"] || !strings.Contains(f.note, r["note"]) {
		return false
	}
	if r["confidence"] != "high" && !strings.HasPrefix(f.note, "Confidence: "+r["confidence"]+".") {
		return false
	}
	return f.geography == "" && matchesMeasurement(f, r) || f.geography != "" && matchesComparison(f, r)
}

func matchesComparison(f figure, r map[string]string) bool {
	if f.geography != r["geography"] {
		return false
	}
	if r["subgroup"] == "All students" {
		return f.dimension == "" && f.group == ""
	}
	return f.dimension != "" && f.group == r["subgroup"]
}

func matchesMeasurement(f figure, r map[string]string) bool {
	geo, sub := r["geography"], r["subgroup"]
	switch {
	case geo == "Anchorage School District" && sub == "All students":
		return f.dimension == "" && f.group == ""
	case geo == "Anchorage School District":
		return f.dimension != "" && f.group == sub
	case sub == "All students":
		return (f.dimension == "District" || f.dimension == "School") && f.group == geo
	}
	return strings.HasPrefix(f.dimension, geo+": ") && f.group == sub
}

func readDataRows(t *testing.T) []map[string]string {
	t.Helper()
	fh, err := os.Open(sharedData)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found", sharedData)
	} else if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		r := map[string]string{}
		for i, col := range recs[0] {
			r[col] = rec[i]
		}
		rows = append(rows, r)
	}
	return rows
}

// TestEveryDataRowLands checks that each published figure is in the seed
// exactly once, with its value, source and note, and that the seed holds
// nothing else.
func TestEveryDataRowLands(t *testing.T) {
	rows := readDataRows(t)
	figures := seedFigures(mustLoadSeed(t))
	used := make([]bool, len(figures))
	for _, r := range rows {
		found := false
		for i, f := range figures {
			if !used[i] && matches(f, r) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("data row not in the seed: %v", r)
		}
	}
	if got, want := len(figures), len(rows); got != want {
		t.Errorf("seed holds %d figures, data file %d rows", got, want)
	}
	if len(rows) != 318 {
		t.Errorf("data file has %d rows, want 318", len(rows))
	}
}
