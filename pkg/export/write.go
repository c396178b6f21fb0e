package export

import (
	"io"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Formats lists the formats Write knows, each with its media type.
var Formats = map[string]string{
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"json": "application/json; charset=utf-8",
}

// Write writes src in format ("csv", "xlsx" or "json"), as the command
// line and the web export it.
func Write(w io.Writer, format string, src Source, generated time.Time) error {
	switch format {
	case "csv":
		return SourceCSV(w, src)
	case "xlsx":
		return SourceXLSX(w, src, generated)
	case "json":
		return SourceJSON(w, src, generated)
	}
	return domain.Errorf(domain.EINVALID, "format must be csv, xlsx or json, got %q", format)
}
