package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/impactboard/impactboard"
	"github.com/impactboard/impactboard/pkg/dashboard"
	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/seed"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/web"
)

// serveConfig is everything serve needs, from flags with environment fallbacks.
type serveConfig struct {
	Addr       string
	DB         string
	NoSample   bool
	Dashboards string
	LogFormat  string
	// BehindProxy trusts X-Forwarded-For and X-Forwarded-Proto.
	BehindProxy bool
	// UploadDir keeps import files between preview and confirmation.
	UploadDir string
}

func parseServe(args []string, stderr io.Writer) (serveConfig, error) {
	var c serveConfig
	fs := newFlags("serve", "Usage: impactboard serve [--addr :8080] [--db DSN] [--no-sample] [--dashboards DIR]\n\n"+
		"Runs the web dashboard and the JSON API. On first start with an empty database it loads the\n"+
		"sample partnerships (Anchorage's 90% by 2020 and Better Together Central Oregon).", stderr)
	fs.StringVar(&c.Addr, "addr", env("IMPACTBOARD_ADDR", ":8080"), "address to listen on (env IMPACTBOARD_ADDR)")
	fs.StringVar(&c.DB, "db", env("IMPACTBOARD_DB", defaultDB), "database: a SQLite file path or a postgres:// URL (env IMPACTBOARD_DB)")
	fs.BoolVar(&c.NoSample, "no-sample", envBool("IMPACTBOARD_NO_SAMPLE", false), "do not load the sample partnerships into an empty database (env IMPACTBOARD_NO_SAMPLE)")
	fs.StringVar(&c.Dashboards, "dashboards", env("IMPACTBOARD_DASHBOARDS", ""), "folder of dashboard definitions (default: the built-in dashboards/) (env IMPACTBOARD_DASHBOARDS)")
	fs.StringVar(&c.LogFormat, "log-format", env("IMPACTBOARD_LOG_FORMAT", "text"), "log format: text or json (env IMPACTBOARD_LOG_FORMAT)")
	fs.BoolVar(&c.BehindProxy, "behind-proxy", envBool("IMPACTBOARD_BEHIND_PROXY", false),
		"trust the X-Forwarded-For and X-Forwarded-Proto headers of a reverse proxy that sets them (env IMPACTBOARD_BEHIND_PROXY)")
	fs.StringVar(&c.UploadDir, "upload-dir", env("IMPACTBOARD_UPLOAD_DIR", ""),
		"folder keeping uploaded import files until confirmed; share it between replicas (default: in the system's temporary folder) (env IMPACTBOARD_UPLOAD_DIR)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, domain.Errorf(domain.EINVALID, "serve takes no arguments, got %q", fs.Arg(0))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, domain.Errorf(domain.EINVALID, "--log-format must be text or json, got %q", c.LogFormat)
	}
	return c, nil
}

func newLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseServe(args, stderr)
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogFormat, stderr)
	db, err := store.Open(ctx, cfg.DB, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := loadSample(ctx, db, cfg, log, stdout); err != nil {
		return err
	}
	dashboards, err := loadDashboards(ctx, db, cfg.Dashboards)
	if err != nil {
		return err
	}
	srv, err := web.New(db, web.Config{Logger: log, TrustProxy: cfg.BehindProxy, Dashboards: dashboards, Version: version,
		UploadDir: cfg.UploadDir})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return domain.Errorf(domain.EINVALID, "cannot listen on %s: %v", cfg.Addr, err)
	}
	stopSweep := startSessionSweeper(ctx, db, sessionSweepInterval, log)
	defer stopSweep() // before the deferred db.Close
	fmt.Fprintf(stdout, "impactboard %s serving on http://%s\n", version, displayAddr(ln.Addr()))
	return serveUntilDone(ctx, ln, srv, log)
}

// loadSample seeds an empty database once; a second start finds data and
// leaves it alone.
func loadSample(ctx context.Context, db *store.DB, cfg serveConfig, log *slog.Logger, stdout io.Writer) error {
	if cfg.NoSample {
		return nil
	}
	empty, err := db.Empty(ctx)
	if err != nil || !empty {
		return err
	}
	bundles, err := seed.Load(impactboard.SeedFS())
	if err != nil {
		return fmt.Errorf("built-in sample: %w", err)
	}
	log.Info("empty database: loading the sample partnerships", slog.Int("partnerships", len(bundles)))
	if err := saveBundles(ctx, db, bundles, "built-in sample", io.Discard); err != nil {
		return err
	}
	return printFirstAdminHint(ctx, db, cfg.DB, slugsOf(bundles), stdout)
}

// loadDashboards parses the dashboard files and checks them against the
// data, so a typo stops the start with the file and line.
func loadDashboards(ctx context.Context, db *store.DB, dir string) ([]*dashboard.Dashboard, error) {
	var src fs.FS = impactboard.DashboardsFS()
	if dir != "" {
		src = os.DirFS(dir)
	}
	ds, err := dashboard.LoadAll(src)
	if err != nil {
		return nil, err
	}
	ps, err := db.ListPartnerships(ctx)
	if err != nil {
		return nil, err
	}
	if dir == "" {
		// The built-in dashboards belong to the sample partnerships; without
		// the sample (--no-sample) they have nothing to show.
		ds = builtinFor(ds, ps)
	}
	bundles := make([]*domain.Bundle, 0, len(ps))
	for _, p := range ps {
		b, err := db.Bundle(ctx, p.Slug)
		if err != nil {
			return nil, err
		}
		bundles = append(bundles, b)
	}
	return ds, dashboard.Check(ds, dashboard.BundleCatalog(bundles))
}

func builtinFor(ds []*dashboard.Dashboard, ps []domain.Partnership) []*dashboard.Dashboard {
	var out []*dashboard.Dashboard
	for _, p := range ps {
		out = append(out, dashboard.ForPartnership(ds, p.Slug)...)
	}
	return out
}

func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}

func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
