package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/impactboard/impactboard/pkg/dashboard"
	"github.com/impactboard/impactboard/pkg/domain"
)

// Store is what the web layer reads. *store.DB implements it.
type Store interface {
	ListPartnerships(ctx context.Context) ([]domain.Partnership, error)
	Bundle(ctx context.Context, slug string) (*domain.Bundle, error)
	Revision(ctx context.Context, slug string) (int64, error)
	Accounts
	Figures
	Agenda
	Snapshots
	Transfers
}

// Config holds the web layer's settings.
type Config struct {
	Logger *slog.Logger
	// TrustProxy takes the client address and scheme from X-Forwarded-For
	// and X-Forwarded-Proto; only behind a proxy that sets them.
	TrustProxy bool
	Now        func() time.Time // nil = time.Now
	Dashboards []*dashboard.Dashboard
	Version    string
	// MaxImportBytes is the largest import file accepted (default 50 MB).
	MaxImportBytes int64
	// UploadDir keeps import files between preview and confirmation
	// (default: a folder in the system's temporary directory). Replicas
	// behind one address need it on a shared volume.
	UploadDir string
}

// Server is the HTTP face of impactboard.
type Server struct {
	echo     *echo.Echo
	store    Store
	accounts Accounts
	pages    *pages
	assets   *assets
	cfg      Config
	openapi  []byte
	cache    reportCache
	actions  map[string]domain.Action
	// logins bounds concurrent password checks (see maxPasswordChecks).
	logins limiter
}

// contentSecurityPolicy allows nothing from outside the server and no inline
// script, so a hostile string that slipped into a page still could not run.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// New builds the server: templates are parsed here so a broken template
// stops the start instead of failing a request.
func New(st Store, cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	as, err := loadAssets()
	if err != nil {
		return nil, err
	}
	ps, err := parsePages(as)
	if err != nil {
		return nil, err
	}
	doc, err := buildOpenAPI()
	if err != nil {
		return nil, err
	}
	s := &Server{echo: echo.New(), store: st, accounts: st, pages: ps, assets: as, cfg: cfg, openapi: doc,
		logins: newLimiter(maxPasswordChecks)}
	s.echo.HideBanner, s.echo.HidePort = true, true
	// Without a trusted proxy, anyone could pick their address with a header
	// and escape the sign-in rate limit.
	s.echo.IPExtractor = echo.ExtractIPDirect()
	if cfg.TrustProxy {
		s.echo.IPExtractor = echo.ExtractIPFromXFFHeader()
	}
	s.echo.HTTPErrorHandler = s.handleError
	s.middleware()
	s.routes()
	return s, nil
}

// ServeHTTP lets the server be used as an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

// Routes lists the registered routes as "METHOD PATH", for tests and docs.
func (s *Server) Routes() []string {
	var out []string
	for _, r := range s.echo.Routes() {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

func (s *Server) middleware() {
	s.echo.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	s.echo.Use(s.markSecure)
	s.echo.Use(middleware.RequestID())
	s.echo.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true}))
	s.echo.Use(s.requestLogger())
	s.echo.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection:         "0",
		ContentTypeNosniff:    "nosniff",
		XFrameOptions:         "DENY",
		ReferrerPolicy:        "same-origin",
		ContentSecurityPolicy: contentSecurityPolicy,
	}))
	s.echo.Use(s.bodyLimit())
	s.echo.Use(middleware.GzipWithConfig(middleware.GzipConfig{MinLength: 1024, Skipper: isXLSXExport}))
	s.echo.Use(middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{Timeout: requestTimeout, Skipper: isBulk}))
	s.echo.Use(middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{Timeout: bulkTimeout, Skipper: isShort}))
	s.echo.Use(extendDeadlines)
	s.echo.Use(s.identify)
	s.echo.Use(s.csrf())
}

func (s *Server) requestLogger() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, LogError: true, HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			if v.Status >= 500 {
				level = slog.LevelError
			}
			s.cfg.Logger.LogAttrs(c.Request().Context(), level, "request",
				slog.String("method", v.Method), slog.String("uri", v.URI),
				slog.Int("status", v.Status), slog.Duration("latency", v.Latency))
			return nil
		},
	})
}

// route is one entry of the route table: every route names the action it
// performs, so authorization is decided in one place (authorize) and a
// route without a rule cannot exist.
type route struct {
	method, path string
	act          domain.Action
	h            echo.HandlerFunc
}

func (s *Server) routes() {
	s.actions = map[string]domain.Action{}
	for _, r := range s.routeTable() {
		s.echo.Add(r.method, r.path, s.authorize(r.act, r.h))
		s.actions[r.method+" "+r.path] = r.act
	}
}

func (s *Server) routeTable() []route {
	view := domain.ActViewPublished
	routes := []route{
		{"GET", "/healthz", view, s.healthz},
		{"GET", "/static/*", view, s.static},
		{"GET", "/", view, s.home},
		{"GET", "/about", view, s.about},
		{"GET", "/login", view, s.loginForm},
		{"POST", "/login", view, s.login},
		{"POST", "/logout", view, s.logout},
		{"GET", "/p/:partnership", view, s.overview},
		{"GET", "/p/:partnership/indicators/:indicator", view, s.indicatorPage},
		{"GET", "/p/:partnership/indicators/:indicator/data.csv", view, s.indicatorCSV},
		{"GET", "/p/:partnership/goals/:goal", view, s.goalPage},
		{"GET", "/p/:partnership/partners/:partner", view, s.partnerPage},
		{"GET", "/p/:partnership/dashboards/:dashboard", view, s.dashboardPage},
		{"GET", "/api/v1/partnerships", view, s.apiPartnerships},
		{"GET", "/api/v1/partnerships/:partnership", view, s.apiPartnership},
		{"GET", "/api/v1/partnerships/:partnership/indicators", view, s.apiIndicators},
		{"GET", "/api/v1/partnerships/:partnership/indicators/:indicator", view, s.apiIndicator},
		{"GET", "/api/v1/openapi.json", view, s.apiOpenAPI},
	}
	routes = append(routes, s.agendaRoutes()...)
	routes = append(routes, s.dataRoutes()...)
	routes = append(routes, s.snapshotRoutes()...)
	routes = append(routes, s.transferRoutes()...)
	return append(routes, s.adminRoutes()...)
}

// Action returns the action a registered route performs, for tests.
func (s *Server) Action(method, path string) (domain.Action, bool) {
	a, ok := s.actions[method+" "+path]
	return a, ok
}

func (s *Server) healthz(c echo.Context) error {
	if _, err := s.store.ListPartnerships(c.Request().Context()); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok", "version": s.cfg.Version})
}
