// Package browsertest starts the headless Chromium that the browser tests
// of the pages and of the snapshots drive.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Start starts one headless Chromium for the calling test and stops it
// when the test ends.
func Start(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root, where the sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1024),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// chromiumPath finds the browser. A machine without one skips the browser
// tests, except in CI, where a missing browser must not pass silently.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("IMPACTBOARD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "no Chromium: set IMPACTBOARD_CHROMIUM or put chromium on PATH"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Tab opens a new tab of the browser that Start gave, closed when the test
// ends; everything done in it must finish within timeout, so a page that
// hangs fails its own test instead of stalling the run.
func Tab(t *testing.T, browser context.Context, timeout time.Duration) context.Context {
	t.Helper()
	limited, cancelTimeout := context.WithTimeout(browser, timeout)
	ctx, cancel := chromedp.NewContext(limited)
	t.Cleanup(func() {
		cancel()
		cancelTimeout()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx
}
