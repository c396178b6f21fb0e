package web

import (
	"encoding/csv"
	"fmt"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/report"
)

// csvHeader is the tidy long form that imports read back.
var csvHeader = []string{"indicator", "year", "dimension", "group", "value", "numerator", "denominator", "note", "source", "status"}

func (s *Server) indicatorCSV(c echo.Context) error {
	p, r, err := s.indicator(c)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s-%s.csv"`, p.Slug, r.Slug))
	w := csv.NewWriter(c.Response())
	if err := w.Write(csvHeader); err != nil {
		return err
	}
	for _, f := range r.Figures {
		if err := w.Write(csvRecord(r, f)); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

func csvRecord(r *report.Indicator, f report.Figure) []string {
	rec := []string{r.Slug, strconv.Itoa(f.Year), safeCell(f.Dimension), safeCell(f.Group), "", "", "", safeCell(f.Note), safeCell(f.Source), string(f.Status)}
	if f.Suppressed {
		rec[4] = "suppressed"
		return rec
	}
	rec[4] = strconv.FormatFloat(f.Value, 'f', -1, 64)
	if f.Numerator != nil && f.Denominator != nil {
		rec[5] = strconv.FormatFloat(*f.Numerator, 'f', -1, 64)
		rec[6] = strconv.FormatFloat(*f.Denominator, 'f', -1, 64)
	}
	return rec
}

// safeCell stops a spreadsheet from running a text cell as a formula.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
