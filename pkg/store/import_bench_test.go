package store_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
	"github.com/impactboard/impactboard/pkg/tidy"
)

// The benchmark's figures are synthetic: generated counts, not data.
//
// BenchmarkImportMeasurements1M streams a 1,000,000-row CSV (10 indicators ×
// 200 years × 500 groups) through tidy.ParseCSV into ImportMeasurements on a
// fresh SQLite file and reports rows/s. To compare with the sqlite3 shell
// loading the same file into a plain table, and to measure the command's
// memory, keep the files with IMPACTBOARD_BENCH_DIR:
//
//	IMPACTBOARD_BENCH_DIR=/tmp/ibbench go test -run '^$' -bench ImportMeasurements1M -benchtime 1x ./pkg/store/
//	sqlite3 /tmp/ibbench/plain.db 'CREATE TABLE t (indicator TEXT, year INTEGER, dimension TEXT, grp TEXT, value REAL)'
//	time sqlite3 /tmp/ibbench/plain.db '.mode csv' '.import --skip 1 /tmp/ibbench/bench.csv t'
//	go build -o /tmp/impactboard ./cmd/impactboard
//	/usr/bin/time -v /tmp/impactboard import --db /tmp/ibbench/empty.db --partnership bench-partnership /tmp/ibbench/bench.csv
//
// empty.db holds the partnership without figures; the benchmark writes it
// afresh on each run.
func BenchmarkImportMeasurements1M(b *testing.B) {
	const indicators, years, groups = 10, 200, 500
	dir := os.Getenv("IMPACTBOARD_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	path := filepath.Join(dir, "bench.csv")
	if err := writeBenchCSV(path, indicators, years, groups); err != nil {
		b.Fatal(err)
	}
	if os.Getenv("IMPACTBOARD_BENCH_DIR") != "" {
		writeBenchDB(b, filepath.Join(dir, "empty.db"), indicators)
	}
	rows := indicators * years * groups
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		db := storetest.SQLite(b)
		if _, err := db.SaveBundle(b.Context(), benchBundle(indicators), "bench"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res := importCSV(b, db, path)
		if res.Added != rows {
			b.Fatalf("added %d, want %d", res.Added, rows)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func importCSV(b *testing.B, db *store.DB, path string) store.SaveResult {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	res, err := db.ImportMeasurements(b.Context(), "bench-partnership", func(yield func(domain.Measurement) error) error {
		problems, err := tidy.ParseCSV(f, tidy.Options{MaxBytes: 1 << 30}, func(r tidy.Row) error { return yield(r.M) })
		if err == nil && len(problems) > 0 {
			err = fmt.Errorf("problems: %v", problems[0])
		}
		return err
	}, "bench")
	if err != nil {
		b.Fatal(err)
	}
	return res
}

// benchBundle is a partnership of n count indicators and no figures.
func benchBundle(n int) *domain.Bundle {
	b := &domain.Bundle{
		Partnership: domain.Partnership{Slug: "bench-partnership", Name: "Benchmark (synthetic)"},
		Goals:       []domain.Goal{{Slug: "bench", Title: "Benchmark"}},
	}
	for i := range n {
		b.Indicators = append(b.Indicators, domain.Indicator{
			Slug: fmt.Sprintf("synthetic-%d", i), Goal: "bench", Name: fmt.Sprintf("Synthetic %d", i),
			Unit: domain.UnitCount, Direction: domain.HigherIsBetter, Method: domain.MethodLinear, Kind: domain.KindCore,
			Position: i,
		})
	}
	return b
}

// writeBenchCSV writes the synthetic file once; a kept one is reused.
func writeBenchCSV(path string, indicators, years, groups int) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "indicator,year,dimension,group,value")
	for i := range indicators {
		for g := range groups {
			for y := range years {
				fmt.Fprintf(w, "synthetic-%d,%d,Synthetic,Group %03d,%d\n", i, domain.MinYear+y, g, (i*7+g*13+y)%1000)
			}
		}
	}
	return errors.Join(w.Flush(), f.Close())
}

func writeBenchDB(b *testing.B, path string, indicators int) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			b.Fatal(err)
		}
	}
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SaveBundle(context.Background(), benchBundle(indicators), "bench"); err != nil {
		b.Fatal(err)
	}
}
