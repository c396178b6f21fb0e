package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// Time limits. A page or API call is answered in 30 s or cut off. An
// import (a 50 MB file, checked, then written) or an export (any number
// of figures, to a board member on slow wifi) may take minutes: the
// server's 60 s read and write timeouts and the 30 s context would cut
// it short, so bulk routes get bulkTimeout for all three.
const (
	requestTimeout = 30 * time.Second
	bulkTimeout    = 15 * time.Minute
)

// bulkRoutes are the routes that move whole files.
var bulkRoutes = map[string]bool{
	importPage: true, importPage + "/apply": true, importAPI: true,
	exportPath + ".csv": true, exportPath + ".xlsx": true, exportPath + ".json": true, exportAPI: true,
}

// isBulk and isShort split the routes between the two context timeouts.
func isBulk(c echo.Context) bool  { return bulkRoutes[c.Path()] }
func isShort(c echo.Context) bool { return !bulkRoutes[c.Path()] }

// extendDeadlines moves a bulk request's connection deadlines from the
// server's 60 s to bulkTimeout. A writer without deadlines (a test
// recorder) keeps none.
func extendDeadlines(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if isBulk(c) {
			rc := http.NewResponseController(c.Response())
			until := time.Now().Add(bulkTimeout)
			_ = rc.SetReadDeadline(until)
			_ = rc.SetWriteDeadline(until)
		}
		return next(c)
	}
}

// isXLSXExport skips gzip for an XLSX download: the file is a zip already.
func isXLSXExport(c echo.Context) bool {
	return c.Path() == exportPath+".xlsx" || c.Path() == exportAPI && c.QueryParam("format") == "xlsx"
}
