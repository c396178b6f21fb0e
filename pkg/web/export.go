package web

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
)

// exportPage serves the partnership's data in one format, for the links
// on the overview.
func (s *Server) exportPage(format string) echo.HandlerFunc {
	return func(c echo.Context) error { return s.export(c, format) }
}

// apiExport serves the partnership's data in ?format (csv by default).
func (s *Server) apiExport(c echo.Context) error {
	format := c.QueryParam("format")
	if format == "" {
		format = "csv"
	}
	if export.Formats[format] == "" {
		return domain.Errorf(domain.EINVALID, "format must be csv, xlsx or json, got %q", format)
	}
	return s.export(c, format)
}

// export streams what the requester may see, as the command line's
// export does: approved figures only, and small cells suppressed unless
// the requester may see them (members; the public never).
func (s *Server) export(c echo.Context, format string) error {
	p, err := s.exportReport(c)
	if err != nil {
		return err
	}
	now := s.cfg.Now().UTC()
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, export.Formats[format])
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", fmt.Sprintf("%s-%s.%s", p.Slug, now.Format("2006-01-02"), format)))
	// A file with small cells in it must not linger in a shared cache.
	h.Set("Cache-Control", "private, no-store")
	c.Response().WriteHeader(http.StatusOK)
	if err := export.Write(c.Response(), format, p, now); err != nil {
		// The status is sent; all that is left is to say so in the log.
		s.cfg.Logger.Error("export", slog.String("partnership", p.Slug), slog.String("error", err.Error()))
	}
	return nil
}

// exportReport is the report of the :partnership of the path for the
// requester, without pending figures whatever the query says.
func (s *Server) exportReport(c echo.Context) (*report.Partnership, error) {
	slug := c.Param("partnership")
	aud := audienceFor(c, slug)
	p, err := s.report(c.Request().Context(), slug, aud)
	if err != nil {
		return nil, err
	}
	if !p.Published && !aud.Member {
		return nil, domain.Errorf(domain.ENOTFOUND, "partnership %q not found", slug)
	}
	return p, nil
}
