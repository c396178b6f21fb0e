package snapshot_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/dashboard"
	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/seed"
	"github.com/impactboard/impactboard/pkg/snapshot"
)

const id = "00112233445566778899aabbccddeeff"

var takenAt = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

// anchorage is the sample partnership with one figure awaiting approval.
func anchorage(t testing.TB) (*domain.Bundle, []*dashboard.Dashboard) {
	t.Helper()
	bundles, err := seed.Load(os.DirFS("../../seed"))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := dashboard.LoadAll(os.DirFS("../../dashboards"))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bundles {
		if b.Partnership.Slug == "anchorage-90-by-2020" {
			b.Measurements = append(b.Measurements, domain.Measurement{Indicator: b.Indicators[0].Slug, Year: 2031,
				Value: 99.5, Status: domain.StatusSubmitted, EnteredBy: "staff@example.org"})
			return b, ds
		}
	}
	t.Fatal("no anchorage seed")
	return nil, nil
}

func build(t testing.TB, title string) (*snapshot.Document, []byte) {
	t.Helper()
	b, ds := anchorage(t)
	d, err := snapshot.Build(snapshot.Input{ID: id, Title: title, Note: "Board packet", At: takenAt,
		By: domain.Author{UserID: 7, Name: "Ana Board", Email: "ana@example.org"}, Bundle: b, Dashboards: ds})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	content, err := snapshot.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	return d, content
}

func TestBuildFreezesApprovedFiguresAndDashboards(t *testing.T) {
	d, content := build(t, "March 2026")
	if d.Format != snapshot.Format || d.ID != id || d.Year != 2026 || d.SuppressionThreshold != 10 || d.Audience != "members" {
		t.Errorf("header = %q %q %d %d %q", d.Format, d.ID, d.Year, d.SuppressionThreshold, d.Audience)
	}
	if bytes.Contains(content, []byte("2031")) || bytes.Contains(content, []byte("staff@example.org")) {
		t.Error("the pending figure or who entered it was frozen")
	}
	if len(d.Dashboards) != 2 || len(d.Indicators) == 0 || d.Headline.Text == "" {
		t.Fatalf("got %d dashboards, %d indicators, headline %q", len(d.Dashboards), len(d.Indicators), d.Headline.Text)
	}
	charts := 0
	for _, db := range d.Dashboards {
		for _, p := range db.Panels {
			for _, c := range p.Charts {
				charts++
				if !json.Valid(c.Option) || c.ID == "" || c.Label == "" {
					t.Errorf("dashboard %s chart %q: invalid option or no label", db.Slug, c.ID)
				}
			}
		}
	}
	if charts == 0 {
		t.Error("no dashboard chart frozen")
	}
	grad := d.Indicator("hs-graduation-4yr")
	if grad == nil || grad.Chart == nil || grad.Status.Label == "" || len(grad.Figures) == 0 {
		t.Fatalf("graduation indicator = %+v", grad)
	}
}

func TestEncodeIsCanonical(t *testing.T) {
	_, a := build(t, "March 2026")
	_, b := build(t, "March 2026")
	if !bytes.Equal(a, b) {
		t.Error("the same input encoded to different bytes")
	}
	d, err := snapshot.Decode(a)
	if err != nil {
		t.Fatal(err)
	}
	again, err := snapshot.Encode(d)
	if err != nil || !bytes.Equal(again, a) {
		t.Errorf("decode and encode changed the bytes (%v)", err)
	}
	if _, err := snapshot.Decode([]byte(`{"format":"impactboard-snapshot","version":1,"extra":1}`)); err == nil {
		t.Error("Decode accepted an unknown field")
	}
	if _, err := snapshot.Decode([]byte(`{"format":"other","version":1}`)); err == nil {
		t.Error("Decode accepted another format")
	}
}

func TestChecksumVerifies(t *testing.T) {
	_, content := build(t, "March 2026")
	sum := snapshot.Checksum(content)
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(sum) {
		t.Fatalf("Checksum = %q", sum)
	}
	if err := snapshot.Verify(content, sum); err != nil {
		t.Errorf("Verify: %v", err)
	}
	tampered := bytes.Replace(content, []byte(`"value":`), []byte(`"value":1`), 1)
	if err := snapshot.Verify(tampered, sum); err == nil {
		t.Error("Verify accepted altered content")
	}
	var out bytes.Buffer
	if err := snapshot.Write(&out, "csv", tampered, sum, assets()); err == nil || out.Len() > 0 {
		t.Error("Write served altered content")
	}
}

func assets() *overlayFS { return &overlayFS{} }

func TestWriteFormats(t *testing.T) {
	d, content := build(t, "March 2026")
	sum := snapshot.Checksum(content)
	write := func(format string) []byte {
		var buf bytes.Buffer
		if err := snapshot.Write(&buf, format, content, sum, assets()); err != nil {
			t.Fatalf("Write %s: %v", format, err)
		}
		return buf.Bytes()
	}
	if got := write("json"); !bytes.Equal(got, content) {
		t.Error("the JSON download is not the stored document")
	}
	csv := string(write("csv"))
	if !strings.HasPrefix(csv, "indicator,") || !strings.Contains(csv, "hs-graduation-4yr") || strings.Contains(csv, "2031") {
		t.Errorf("CSV = %.200q", csv)
	}
	x := write("xlsx")
	if _, err := zip.NewReader(bytes.NewReader(x), int64(len(x))); err != nil {
		t.Errorf("XLSX is not a zip: %v", err)
	}
	if err := snapshot.Write(&bytes.Buffer{}, "pdf", content, sum, assets()); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("Write pdf = %v, want invalid", err)
	}
	if name := snapshot.Filename(domain.Snapshot{ID: d.ID, Partnership: "anchorage-90-by-2020", CreatedAt: takenAt}, "html"); name != "anchorage-90-by-2020-snapshot-2026-03-01-00112233.html" {
		t.Errorf("Filename = %q", name)
	}
}
