package export_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"runtime"
	"testing"

	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

// TestStreamedExportMemoryIsFlat exports 5 indicators × 20 years with 100
// and then 1,000 groups (10,100 and 100,100 figures) from SQLite files and
// compares the most live heap seen while writing. An export that holds
// the figures (Build's report, a whole indicator, a JSON array) needs
// some 30 MB more for the larger file and fails; a streamed one needs
// about the same for both.
func TestStreamedExportMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 110,000 figures")
	}
	small, large := savedSynthetic(t, 100), savedSynthetic(t, 1000)
	for _, tt := range []struct {
		format string
		slack  int64 // growth allowed from the small to the large file
	}{
		{"csv", 4 << 20},
		{"json", 4 << 20},
		{"xlsx", 4 << 20},
	} {
		t.Run(tt.format, func(t *testing.T) {
			a, b := peakExportHeap(t, small, tt.format), peakExportHeap(t, large, tt.format)
			t.Logf("peak live heap: %d KiB for 10,100 figures, %d KiB for 100,100", a>>10, b>>10)
			if b-a > tt.slack {
				t.Errorf("peak live heap grew by %d KiB for 10× the figures, want at most %d KiB", (b-a)>>10, tt.slack>>10)
			}
		})
	}
}

// savedSynthetic is a SQLite store holding synthetic(5, 20, groups).
func savedSynthetic(t *testing.T, groups int) *store.DB {
	t.Helper()
	db := storetest.SQLite(t)
	b := synthetic(5, 20, groups)
	b.Partnership.Slug = "synthetic"
	if _, err := db.SaveBundle(t.Context(), b, "test"); err != nil {
		t.Fatal(err)
	}
	return db
}

// heapPeakWriter collects garbage and reads the live heap every 16th
// write of a 64 KiB buffer: the figures an export holds are live then.
type heapPeakWriter struct {
	writes int
	peak   uint64
}

func (w *heapPeakWriter) Write(p []byte) (int, error) {
	if w.writes++; w.writes%16 == 1 {
		w.sample()
	}
	return len(p), nil
}

func (w *heapPeakWriter) sample() {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	w.peak = max(w.peak, ms.HeapAlloc)
}

func peakExportHeap(t *testing.T, db *store.DB, format string) int64 {
	t.Helper()
	w := &heapPeakWriter{}
	w.sample()
	base := w.peak
	err := export.FromStore(context.Background(), db, "synthetic", report.Public, 2026, func(src export.Source) error {
		bw := bufio.NewWriterSize(io.Writer(w), 64<<10)
		if err := export.Write(bw, format, src, generated); err != nil {
			return err
		}
		w.sample()
		return bw.Flush()
	})
	if err != nil {
		t.Fatal(err)
	}
	return int64(w.peak - base)
}

// TestXLSXIsRepeatable: two exports of one report (a snapshot's) are the
// same bytes, so a snapshot's XLSX download always has the same checksum.
// excelize wrote the sheets in random order.
func TestXLSXIsRepeatable(t *testing.T) {
	p := report.Build(synthetic(6, 3, 2), member, 2026)
	var first []byte
	for i := range 5 {
		var buf bytes.Buffer
		if err := export.XLSX(&buf, p, generated); err != nil {
			t.Fatal(err)
		}
		if i > 0 && !bytes.Equal(buf.Bytes(), first) {
			t.Fatalf("export %d differs from the first", i+1)
		}
		first = buf.Bytes()
	}
}
