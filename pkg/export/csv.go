package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/impactboard/impactboard/pkg/report"
)

// CSV writes every figure of every indicator of p, in indicator order, as
// the tidy long form of Header. A suppressed figure keeps its place with
// the value "suppressed" and empty numerator and denominator, so a reader
// knows it exists but never sees it. Rows go out through encoding/csv's
// small buffer as they are made.
func CSV(w io.Writer, p *report.Partnership) error {
	return SourceCSV(w, FromReport(p))
}

// IndicatorCSV writes the figures of one indicator as CSV does.
func IndicatorCSV(w io.Writer, ind *report.Indicator) error {
	return SourceCSV(w, FromReport(&report.Partnership{Indicators: []*report.Indicator{ind}}))
}

// SourceCSV writes src as CSV does, one figure at a time.
func SourceCSV(w io.Writer, src Source) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Header); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	rec := make([]string, len(Header))
	err := src.Each(func(ind *report.Indicator, figures report.FigureFunc) error {
		return figures(func(f report.Figure) error { return cw.Write(csvRecord(rec, ind.Slug, f)) })
	})
	if err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// csvRecord fills rec (reused for every row) with the cells of f.
func csvRecord(rec []string, slug string, f report.Figure) []string {
	rec[0], rec[1] = SafeCell(slug), strconv.Itoa(f.Year)
	rec[2], rec[3] = SafeCell(f.Dimension), SafeCell(f.Group)
	rec[4], rec[5], rec[6] = SuppressedValue, "", ""
	rec[7], rec[8], rec[9] = SafeCell(f.Note), SafeCell(f.Source), SafeCell(string(f.Status))
	if f.Suppressed {
		return rec
	}
	rec[4] = number(f.Value)
	if f.Numerator != nil {
		rec[5] = number(*f.Numerator)
	}
	if f.Denominator != nil {
		rec[6] = number(*f.Denominator)
	}
	return rec
}
