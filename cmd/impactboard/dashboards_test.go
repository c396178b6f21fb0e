package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeDashboard writes one dashboard file under dir/partnership/.
func writeDashboard(t *testing.T, dir, partnership, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, partnership), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, partnership, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// serveRefused runs "impactboard serve" and expects it to refuse to start:
// it returns everything printed and the error. Starting instead fails the
// test (the context ends the server so the test does not hang).
func serveRefused(t *testing.T, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out := &addrWriter{addr: make(chan string, 1)}
	errOut := &bytes.Buffer{}
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), out, errOut)
	}()
	select {
	case err := <-done:
		return out.buf.String() + errOut.String(), err
	case url := <-out.addr:
		cancel()
		<-done
		t.Fatalf("serve started on %s with a bad dashboard file", url)
	}
	return "", nil
}

const badDashboard = `title: Graduation
audience: public
panels:
  - type: headline
  - type: progress
    indicator: hs-graduation-rate
`

// TestServeRefusesBadDashboard: a dashboard naming an indicator the
// partnership does not have stops the start, and the message names the
// file and the line of the indicator.
func TestServeRefusesBadDashboard(t *testing.T) {
	dir := t.TempDir()
	writeDashboard(t, dir, "anchorage-90-by-2020", "graduation.yaml", badDashboard)
	printed, err := serveRefused(t, "--db", filepath.Join(t.TempDir(), "x.db"), "--dashboards", dir)
	if err == nil {
		t.Fatal("serve returned no error")
	}
	t.Logf("serve: %v", err)
	want := `anchorage-90-by-2020/graduation.yaml:6: panel 2: unknown indicator "hs-graduation-rate" in partnership "anchorage-90-by-2020"`
	if !strings.Contains(err.Error()+"\n"+printed, want) {
		t.Errorf("error %q (printed %q) does not contain %q", err, printed, want)
	}
}

// TestServeAcceptsGoodDashboards is the control: the same folder with the
// indicator fixed starts and shows the dashboard.
func TestServeAcceptsGoodDashboards(t *testing.T) {
	dir := t.TempDir()
	writeDashboard(t, dir, "anchorage-90-by-2020", "graduation.yaml", strings.Replace(badDashboard, "hs-graduation-rate", "hs-graduation-4yr", 1))
	url, _ := serve(t, "--db", filepath.Join(t.TempDir(), "x.db"), "--dashboards", dir)
	resp, err := http.Get(url + "/p/anchorage-90-by-2020/dashboards/graduation")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status %d, want 200", resp.StatusCode)
	}
}
