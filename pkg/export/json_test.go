package export_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
)

func exportJSON(t *testing.T, b *domain.Bundle, aud report.Audience) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := export.JSON(&buf, report.Build(b, aud, 2026), generated); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if dec.More() {
		t.Fatal("data after the document")
	}
	return doc
}

func TestJSONDocument(t *testing.T) {
	for _, b := range seedBundles(t) {
		t.Run(b.Partnership.Slug, func(t *testing.T) {
			doc := exportJSON(t, b, member)
			if doc["format"] != "impactboard-export" || doc["version"] != json.Number("1") || doc["generated_at"] != "2026-03-01T12:00:00Z" {
				t.Errorf("format, version, generated_at = %v %v %v, want impactboard-export 1 2026-03-01T12:00:00Z",
					doc["format"], doc["version"], doc["generated_at"])
			}
			if p := doc["partnership"].(map[string]any); p["slug"] != b.Partnership.Slug {
				t.Errorf("partnership slug = %v, want %s", p["slug"], b.Partnership.Slug)
			}
			for _, key := range []string{"headline", "goals", "partners"} {
				if doc[key] == nil {
					t.Errorf("%s missing", key)
				}
			}
			inds := doc["indicators"].([]any)
			if len(inds) != len(b.Indicators) {
				t.Fatalf("%d indicators, want %d", len(inds), len(b.Indicators))
			}
			figures := 0
			for i, x := range inds {
				ind := x.(map[string]any)
				if ind["slug"] != b.Indicators[i].Slug {
					t.Errorf("indicator %d = %v, want %s", i, ind["slug"], b.Indicators[i].Slug)
				}
				if pr := ind["progress"].(map[string]any); pr["status"] == "" || pr["label"] == "" || pr["summary"] == "" {
					t.Errorf("indicator %v progress = %v, want status, label and summary", ind["slug"], pr)
				}
				figures += len(ind["measurements"].([]any))
			}
			if figures != len(b.Measurements) {
				t.Errorf("%d measurements, want %d", figures, len(b.Measurements))
			}
		})
	}
}

func TestJSONSuppression(t *testing.T) {
	tests := []struct {
		name   string
		aud    report.Audience
		hidden bool
	}{
		{"public", report.Public, true},
		{"member with small cells", member, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := exportJSON(t, smallCells(), tt.aud)
			ms := doc["indicators"].([]any)[0].(map[string]any)["measurements"].([]any)
			for _, x := range ms {
				m := x.(map[string]any)
				if m["group"] != "A" {
					continue
				}
				if tt.hidden && (m["suppressed"] != true || m["value"] != nil || m["numerator"] != nil || m["denominator"] != nil) {
					t.Errorf("group A = %v, want suppressed with null value, numerator and denominator", m)
				}
				if !tt.hidden && (m["suppressed"] != false || m["value"] != json.Number("60") || m["numerator"] != json.Number("3") || m["denominator"] != json.Number("5")) {
					t.Errorf("group A = %v, want value 60, numerator 3, denominator 5", m)
				}
				for _, key := range []string{"value", "numerator", "denominator", "suppressed"} {
					if _, ok := m[key]; !ok {
						t.Errorf("group A has no %q key; the format always has it", key)
					}
				}
			}
		})
	}
}

// TestJSONKeepsText: JSON is data, so text is never neutralised.
func TestJSONKeepsText(t *testing.T) {
	doc := exportJSON(t, hostile(), member)
	ms := doc["indicators"].([]any)[0].(map[string]any)["measurements"].([]any)
	for i, note := range hostileNotes {
		if got := ms[i].(map[string]any)["note"]; got != note {
			t.Errorf("note %d = %q, want %q", i, got, note)
		}
	}
}
