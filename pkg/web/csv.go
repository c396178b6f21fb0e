package web

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/export"
)

// indicatorCSV downloads one indicator's figures in the export's tidy
// long form, text cells neutralised against spreadsheet formulas the same
// way, so the file imports back unchanged.
func (s *Server) indicatorCSV(c echo.Context) error {
	p, r, err := s.indicator(c)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s-%s.csv"`, p.Slug, r.Slug))
	return export.IndicatorCSV(c.Response(), r)
}
