package export_test

import (
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"testing"

	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
)

// chunkWriter records how output arrives: an export that built the whole
// file in memory first would hand it over in one write.
type chunkWriter struct{ writes, largest, total int }

func (w *chunkWriter) Write(p []byte) (int, error) {
	w.writes++
	w.largest = max(w.largest, len(p))
	w.total += len(p)
	return len(p), nil
}

type exporter func(io.Writer, *report.Partnership) error

var exporters = []struct {
	name  string
	write exporter
}{
	{"csv", export.CSV},
	{"xlsx", func(w io.Writer, p *report.Partnership) error { return export.XLSX(w, p, generated) }},
	{"json", func(w io.Writer, p *report.Partnership) error { return export.JSON(w, p, generated) }},
}

// TestExportsStream: 40 indicators × 20 years × 9 groups arrive in many
// small writes, none more than one indicator's worth, so the file is never
// held whole in memory on its way out.
func TestExportsStream(t *testing.T) {
	p := report.Build(synthetic(40, 20, 8), member, 2026)
	for _, e := range exporters {
		t.Run(e.name, func(t *testing.T) {
			var w chunkWriter
			if err := e.write(&w, p); err != nil {
				t.Fatal(err)
			}
			t.Logf("%d bytes in %d writes, largest %d", w.total, w.writes, w.largest)
			if w.largest > 64<<10 || w.largest*20 > w.total {
				t.Errorf("largest write %d bytes of %d: want at most 64 KiB and a twentieth of the output", w.largest, w.total)
			}
		})
	}
}

// benchmarkExport exports 10, 40 and 160 indicators × 20 years × 9
// groups. Besides time and allocations it reports live-heap-B, the most
// live heap (above what the report itself holds) seen at any write of one
// export: it stays flat as the data grows when the export streams.
func benchmarkExport(b *testing.B, write exporter) {
	for _, n := range []int{10, 40, 160} {
		p := report.Build(synthetic(n, 20, 8), member, 2026)
		rows := n * 20 * 9
		b.Run(fmt.Sprintf("indicators=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := write(io.Discard, p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
			b.ReportMetric(float64(peakLiveHeap(b, write, p)), "live-heap-B")
		})
	}
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

func heapBytes() int64 {
	metrics.Read(heapSample)
	return int64(heapSample[0].Value.Uint64())
}

// peakWriter collects garbage and samples the live heap at every write.
type peakWriter struct{ peak int64 }

func (w *peakWriter) Write(p []byte) (int, error) {
	runtime.GC()
	w.peak = max(w.peak, heapBytes())
	return len(p), nil
}

func peakLiveHeap(b *testing.B, write exporter, p *report.Partnership) int64 {
	runtime.GC()
	base := heapBytes()
	w := &peakWriter{peak: base}
	if err := write(w, p); err != nil {
		b.Fatal(err)
	}
	return w.peak - base
}

func BenchmarkCSV(b *testing.B)  { benchmarkExport(b, exporters[0].write) }
func BenchmarkXLSX(b *testing.B) { benchmarkExport(b, exporters[1].write) }
func BenchmarkJSON(b *testing.B) { benchmarkExport(b, exporters[2].write) }
