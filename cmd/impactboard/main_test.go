package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// addrWriter collects output and reports the served address once printed.
type addrWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	addr chan string
}

var servingOn = regexp.MustCompile(`serving on (http://\S+)`)

func (w *addrWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if m := servingOn.FindStringSubmatch(w.buf.String()); m != nil && w.addr != nil {
		w.addr <- m[1]
		w.addr = nil
	}
	return len(p), nil
}

// serve runs "impactboard serve" on a free port; stop ends it and reports
// how it ended.
func serve(t *testing.T, args ...string) (url string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &addrWriter{addr: make(chan string, 1)}
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), out, &bytes.Buffer{})
	}()
	select {
	case url = <-out.addr:
	case err := <-done:
		cancel()
		t.Fatalf("serve exited early: %v", err)
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("serve did not start within 60s")
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve stopped with %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return url, stop
}

type indicatorJSON struct {
	Progress struct {
		Status string  `json:"status"`
		Ratio  float64 `json:"ratio"`
	} `json:"progress"`
	Measurements []struct {
		Year  int     `json:"year"`
		Value float64 `json:"value"`
	} `json:"measurements"`
}

func getIndicator(t *testing.T, base string) indicatorJSON {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/partnerships/anchorage-90-by-2020/indicators/hs-graduation-4yr")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got indicatorJSON
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d, decode: %v", resp.StatusCode, err)
	}
	return got
}

// TestServeTwiceKeepsData is the README's first command, twice on one database.
func TestServeTwiceKeepsData(t *testing.T) {
	db := filepath.Join(t.TempDir(), "impactboard.db")
	url, stop := serve(t, "--db", db)
	first := getIndicator(t, url)
	stop()
	if first.Progress.Status != "acceleration_needed" || len(first.Measurements) == 0 {
		t.Fatalf("first start: %+v, want the seeded series with status acceleration_needed", first.Progress)
	}
	url, stop = serve(t, "--db", db)
	second := getIndicator(t, url)
	stop()
	if len(second.Measurements) != len(first.Measurements) {
		t.Errorf("second start has %d figures, first had %d: re-seeded or lost data", len(second.Measurements), len(first.Measurements))
	}
}

func TestServeWithoutSample(t *testing.T) {
	url, _ := serve(t, "--db", filepath.Join(t.TempDir(), "x.db"), "--no-sample")
	resp, err := http.Get(url + "/api/v1/partnerships/anchorage-90-by-2020")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("status %d, want 404: --no-sample must leave the database empty", resp.StatusCode)
	}
}

func run(args ...string) (stdout, stderr string, err error) {
	var o, e bytes.Buffer
	err = Run(context.Background(), args, &o, &e)
	return o.String(), e.String(), err
}

func TestCommandErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad")
	copyDir(t, "../../seed/anchorage-90-by-2020", filepath.Join(bad, "anchorage-90-by-2020"))
	csvPath := filepath.Join(bad, "anchorage-90-by-2020", "measurements.csv")
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	fields := strings.Split(lines[3], ",")
	fields[4] = "N/A"
	lines[3] = strings.Join(fields, ",")
	if err := os.WriteFile(csvPath, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "seeded.db")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"no command", nil, []string{"no command"}},
		{"unknown command", []string{"frobnicate"}, []string{"unknown command", "frobnicate"}},
		{"mysql dsn", []string{"migrate", "--db", "mysql://root@localhost/x"}, []string{"mysql"}},
		{"malformed postgres dsn", []string{"migrate", "--db", "postgres://user:secret@host:notaport/db"}, []string{"postgres"}},
		{"seed value N/A", []string{"seed", "--db", db, bad}, []string{"measurements.csv:4", "N/A"}},
		{"missing seed dir", []string{"seed", "--db", db, filepath.Join(dir, "nope")}, []string{"nope"}},
		{"serve extra argument", []string{"serve", "--db", db, "extra"}, []string{"no arguments"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := run(tt.args...)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(w)) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q leaks the password", err)
			}
		})
	}
	// The failed seed wrote nothing: a database holding nothing or not even created.
	if _, err := os.Stat(db); err == nil {
		out, _, err := run("seed", "--db", db)
		if err != nil || !strings.Contains(out, "added") {
			t.Fatalf("seed after failure: %q %v", out, err)
		}
	}
}

func TestSeedIsIdempotent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	out, _, err := run("seed", "--db", db)
	if err != nil || !strings.Contains(out, "anchorage-90-by-2020") {
		t.Fatalf("first seed: %q %v", out, err)
	}
	out, _, err = run("seed", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.Contains(line, " 0 added, 0 changed") {
			t.Errorf("second seed changed data: %q", line)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	out, _, err := run("version")
	if err != nil || !strings.HasPrefix(out, "impactboard ") {
		t.Errorf("version: %q %v", out, err)
	}
	out, _, err = run("help")
	if err != nil || !strings.Contains(out, "serve") || !strings.Contains(out, "seed") {
		t.Errorf("help: %q %v", out, err)
	}
	_, errOut, err := run("serve", "--help")
	if err == nil || !strings.Contains(errOut, "--addr") && !strings.Contains(errOut, "-addr") {
		t.Errorf("serve --help: %q %v", errOut, err)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
