package export

import (
	"io"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
)

// Formats lists the formats Write knows, each with its media type.
var Formats = map[string]string{
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"json": "application/json; charset=utf-8",
}

// Write writes p in format ("csv", "xlsx" or "json"), as the command line
// and the web export it.
func Write(w io.Writer, format string, p *report.Partnership, generated time.Time) error {
	switch format {
	case "csv":
		return CSV(w, p)
	case "xlsx":
		return XLSX(w, p, generated)
	case "json":
		return JSON(w, p, generated)
	}
	return domain.Errorf(domain.EINVALID, "format must be csv, xlsx or json, got %q", format)
}
