package web

import (
	"net/http"
	"os"
	"path/filepath"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/transfer"
)

// Transfers is the part of the store that imports figures.
type Transfers interface {
	transfer.Store
}

const (
	importPage = "/p/:partnership/import"
	importAPI  = "/api/v1/partnerships/:partnership/imports"
	exportPath = "/p/:partnership/export" // + ".csv", ".xlsx" or ".json"
	exportAPI  = "/api/v1/partnerships/:partnership/export"
)

// transferRoutes lists the routes of bulk import and export; see
// routeTable. Exports show what the requester may see, suppressed for
// anyone who may not see small cells.
func (s *Server) transferRoutes() []route {
	view, imp := domain.ActViewPublished, domain.ActImportData
	return []route{
		{"GET", importPage, imp, s.importForm},
		{"POST", importPage, imp, s.importPreview},
		{"POST", importPage + "/apply", imp, s.importApply},
		{"POST", importAPI, imp, s.apiImport},
		{"GET", exportPath + ".csv", view, s.exportPage("csv")},
		{"GET", exportPath + ".xlsx", view, s.exportPage("xlsx")},
		{"GET", exportPath + ".json", view, s.exportPage("json")},
		{"GET", exportAPI, view, s.apiExport},
	}
}

// uploadRoutes take a file up to the import limit; every other route keeps
// the 1 MB body limit.
var uploadRoutes = map[string]bool{importPage: true, importAPI: true}

// multipartSlack is room for a form's other fields and part headers
// around a file of the largest size allowed.
const multipartSlack = 64 << 10

// bodyLimit refuses an oversized upload with 413 and a message that names
// the limit, before anything reads it.
func (s *Server) bodyLimit() echo.MiddlewareFunc {
	small := middleware.BodyLimit("1M")
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		limited := small(next)
		return func(c echo.Context) error {
			if !uploadRoutes[c.Path()] {
				return limited(c)
			}
			req, limit := c.Request(), s.maxImportBytes()
			if req.ContentLength > limit+multipartSlack {
				return s.tooLargeResponse(c, tooLarge(req.ContentLength, limit))
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, limit+multipartSlack)
			return next(c)
		}
	}
}

// tooLargeResponse answers 413 itself: the error codes have none for it.
func (s *Server) tooLargeResponse(c echo.Context, err error) error {
	msg := err.Error()
	if isAPI(c) {
		var body apiError
		body.Error.Code, body.Error.Message = domain.EINVALID, msg
		return c.JSON(http.StatusRequestEntityTooLarge, body)
	}
	return s.render(c, http.StatusRequestEntityTooLarge, "error",
		&errorPage{layout: layout{Title: "File too large"}, Status: http.StatusRequestEntityTooLarge, Message: msg})
}

func (s *Server) maxImportBytes() int64 {
	if s.cfg.MaxImportBytes > 0 {
		return s.cfg.MaxImportBytes
	}
	return defaultMaxImportBytes
}

func (s *Server) uploads() uploads {
	if s.cfg.UploadDir != "" {
		return uploads{dir: s.cfg.UploadDir}
	}
	return uploads{dir: filepath.Join(os.TempDir(), "impactboard-uploads")}
}
