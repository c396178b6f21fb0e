package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
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
// the requester may see them (members; the public never). The figures are
// read from the store as they are written, never held all at once.
func (s *Server) export(c echo.Context, format string) error {
	slug := c.Param("partnership")
	aud := audienceFor(c, slug)
	now := s.cfg.Now().UTC()
	db, ok := s.store.(export.StoreReader)
	if !ok { // a store that cannot stream: export the report it builds
		p, err := s.report(c.Request().Context(), slug, aud)
		if err != nil {
			return err
		}
		return s.writeExport(c, format, export.FromReport(p), now)
	}
	return export.FromStore(c.Request().Context(), db, slug, aud, now.Year(), func(src export.Source) error {
		return s.writeExport(c, format, src, now)
	})
}

// writeExport refuses an unpublished partnership to non-members, then
// sends the headers and the file.
func (s *Server) writeExport(c echo.Context, format string, src export.Source, now time.Time) error {
	p := src.Report()
	if !p.Published && !audienceFor(c, p.Slug).Member {
		return domain.Errorf(domain.ENOTFOUND, "partnership %q not found", p.Slug)
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, export.Formats[format])
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", fmt.Sprintf("%s-%s.%s", p.Slug, now.Format("2006-01-02"), format)))
	// A file with small cells in it must not linger in a shared cache.
	h.Set("Cache-Control", "private, no-store")
	c.Response().WriteHeader(http.StatusOK)
	if err := export.Write(c.Response(), format, src, now); err != nil {
		// The status is sent; all that is left is to say so in the log.
		s.cfg.Logger.Error("export", slog.String("partnership", p.Slug), slog.String("error", err.Error()))
	}
	return nil
}
