package web

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"time"

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

// export serves what the requester may see, as the command line's export
// does: approved figures only, and small cells suppressed unless the
// requester may see them (members; the public never). The figures are
// read from the store as they are written, never held all at once.
//
// CSV and JSON stream to the client. An error before the first byte is
// answered as any error is; after it, the status is sent, so the
// connection is cut to make the client see a broken transfer rather than a
// short file that ends cleanly. XLSX is written to a temporary file first
// (a workbook cannot be read until it is whole, and its sheets can refuse
// late, past a sheet's rows), and sent only once complete.
func (s *Server) export(c echo.Context, format string) error {
	now := s.cfg.Now().UTC()
	if format == "xlsx" {
		return s.exportXLSX(c, now)
	}
	var slug string
	err := s.readExport(c, now, func(src export.Source) error {
		slug = src.Report().Slug
		return s.streamExport(c, format, src, now)
	})
	if err != nil && c.Response().Committed {
		s.abortExport(slug, err)
	}
	return err
}

// readExport calls fn with the partnership's data as the requester may
// see it: streamed from the store when it can, built in memory otherwise.
func (s *Server) readExport(c echo.Context, now time.Time, fn func(export.Source) error) error {
	slug := c.Param("partnership")
	aud := audienceFor(c, slug)
	ctx := c.Request().Context()
	db, ok := s.store.(export.StoreReader)
	if !ok { // a store that cannot stream: export the report it builds
		p, err := s.report(ctx, slug, aud)
		if err != nil {
			return err
		}
		return fn(export.FromReport(p))
	}
	return export.FromStore(ctx, db, slug, aud, now.Year(), fn)
}

// mayExport refuses an unpublished partnership to non-members.
func mayExport(c echo.Context, p *report.Partnership) error {
	if !p.Published && !audienceFor(c, p.Slug).Member {
		return domain.Errorf(domain.ENOTFOUND, "partnership %q not found", p.Slug)
	}
	return nil
}

// streamExport writes src as the response. The status and headers go out
// with the first byte (Echo's Response sends them then), so an error
// before it leaves the response uncommitted and without the file's
// headers, to be answered as an error.
func (s *Server) streamExport(c echo.Context, format string, src export.Source, now time.Time) error {
	p := src.Report()
	if err := mayExport(c, p); err != nil {
		return err
	}
	setExportHeaders(c.Response().Header(), format, p.Slug, now)
	err := export.Write(c.Response(), format, src, now)
	if err != nil && !c.Response().Committed {
		unsetExportHeaders(c.Response().Header())
	}
	return err
}

// exportXLSX writes the workbook to a temporary file, removed afterwards,
// and sends it only when it is complete, with its length.
func (s *Server) exportXLSX(c echo.Context, now time.Time) error {
	f, err := os.CreateTemp("", "impactboard-export-*.xlsx")
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	var p *report.Partnership
	err = s.readExport(c, now, func(src export.Source) error {
		p = src.Report()
		if err := mayExport(c, p); err != nil {
			return err
		}
		return export.Write(f, "xlsx", src, now)
	})
	if err != nil {
		return err
	}
	size, err := f.Seek(0, io.SeekCurrent)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	h := c.Response().Header()
	setExportHeaders(h, "xlsx", p.Slug, now)
	h.Set(echo.HeaderContentLength, strconv.FormatInt(size, 10))
	c.Response().WriteHeader(http.StatusOK)
	if _, err := io.Copy(c.Response(), f); err != nil {
		s.abortExport(p.Slug, err)
	}
	return nil
}

func setExportHeaders(h http.Header, format, slug string, now time.Time) {
	h.Set(echo.HeaderContentType, export.Formats[format])
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", fmt.Sprintf("%s-%s.%s", slug, now.Format("2006-01-02"), format)))
	// A file with small cells in it must not linger in a shared cache.
	h.Set("Cache-Control", "private, no-store")
}

// unsetExportHeaders leaves an error answer to say what it is: not a
// file download.
func unsetExportHeaders(h http.Header) {
	h.Del(echo.HeaderContentType)
	h.Del(echo.HeaderContentDisposition)
}

// abortExport logs an export that failed after its status was sent and
// cuts the connection (net/http's http.ErrAbortHandler, which Echo's
// Recover lets through), so the client sees the transfer fail instead of
// a file that ends early but cleanly.
func (s *Server) abortExport(slug string, err error) {
	s.cfg.Logger.Error("export", slog.String("partnership", slug), slog.String("error", err.Error()))
	panic(http.ErrAbortHandler)
}
