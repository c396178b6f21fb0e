package export_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

// groupsOnly has no all-groups figure, so the summary names the dimension
// with the most groups, small groups hidden by both kinds of suppression,
// and a submitted figure that no export shows.
func groupsOnly() *domain.Bundle {
	b := base(indicator("district", "District rate", domain.UnitPercent))
	b.Partnership.Slug = "groups-only"
	for y := 2015; y <= 2019; y++ {
		for g, den := range []float64{4, 300, 250, 8, 120} {
			b.Measurements = append(b.Measurements, figure("district", y, "District", fmt.Sprintf("D%d", g), 50, ptr(den/2), ptr(den)))
		}
		b.Measurements = append(b.Measurements, figure("district", y, "Income", "Low", 40, ptr(2), ptr(5)))
		b.Measurements = append(b.Measurements, figure("district", y, "Income", "High", 60, ptr(90), ptr(150)))
	}
	pending := figure("district", 2020, "District", "D1", 99, ptr(99), ptr(100))
	pending.Status = domain.StatusSubmitted
	b.Measurements = append(b.Measurements, pending)
	return b
}

// TestStreamedExportIsBuildsExport: the export streamed from a store is,
// byte for byte, the export of the
// report Build makes of the same partnership, for every audience: the same
// figures, order, suppression (complementary too), statuses and summaries.
func TestStreamedExportIsBuildsExport(t *testing.T) {
	bundles := append(seedBundles(t), smallCells(), groupsOnly(), synthetic(3, 4, 3))
	bundles[len(bundles)-3].Partnership.Slug = "small-cells"
	bundles[len(bundles)-1].Partnership.Slug = "synthetic"
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		for _, b := range bundles {
			if _, err := db.SaveBundle(t.Context(), b, "test"); err != nil {
				t.Fatalf("%s: %v", b.Partnership.Slug, err)
			}
			stored, err := db.Bundle(t.Context(), b.Partnership.Slug)
			if err != nil {
				t.Fatal(err)
			}
			for _, aud := range []report.Audience{report.Public, member} {
				built := export.FromReport(report.Build(stored, aud, 2026))
				for _, format := range []string{"csv", "json", "xlsx"} {
					want := write(t, format, built)
					got := streamed(t, db, b.Partnership.Slug, aud, format)
					name := fmt.Sprintf("%s %s small cells %v", b.Partnership.Slug, format, aud.SmallCells)
					switch {
					case bytes.Equal(got, want):
					case format == "xlsx":
						sameWorkbook(t, name, got, want) // says where
						t.Errorf("%s: streamed workbook differs from Build's", name)
					default:
						t.Errorf("%s: streamed export differs from Build's:\n%s\nwant\n%s", name, got, want)
					}
				}
			}
		}
	})
}

func write(t *testing.T, format string, src export.Source) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := export.Write(&buf, format, src, generated); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func streamed(t *testing.T, db *store.DB, slug string, aud report.Audience, format string) []byte {
	t.Helper()
	var out []byte
	err := export.FromStore(context.Background(), db, slug, aud, 2026, func(src export.Source) error {
		out = write(t, format, src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameWorkbook compares sheets and cell texts (GetRows reads numbers as
// their text, so a number turned into a string would still differ in type
// only: types are checked by TestXLSX*).
func sameWorkbook(t *testing.T, name string, got, want []byte) {
	t.Helper()
	g, w := openXLSX(t, got), openXLSX(t, want)
	if gs, ws := g.GetSheetList(), w.GetSheetList(); fmt.Sprint(gs) != fmt.Sprint(ws) {
		t.Fatalf("%s: sheets %q, want %q", name, gs, ws)
	}
	for _, sheet := range w.GetSheetList() {
		gr, _ := g.GetRows(sheet)
		wr, _ := w.GetRows(sheet)
		if fmt.Sprintf("%q", gr) != fmt.Sprintf("%q", wr) {
			t.Errorf("%s: sheet %s is\n%q\nwant\n%q", name, sheet, gr, wr)
		}
	}
}

func openXLSX(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
