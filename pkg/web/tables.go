package web

import (
	"fmt"

	"github.com/impactboard/impactboard/pkg/progress"
	"github.com/impactboard/impactboard/pkg/report"
)

// seriesTable is the accessible twin of a multi-series chart: a row per
// year, a column per series.
type seriesTable struct {
	Caption string
	Cols    []string
	Rows    []seriesRow
}

type seriesRow struct {
	Year  int
	Cells []string
}

// gapTable is the data table of an equity-gap chart.
func gapTable(r *report.Indicator, d report.Dimension) seriesTable {
	t := seriesTable{Caption: fmt.Sprintf("Gap to %s by year (data table for the gap chart)", d.Gap.Reference)}
	cells := map[int][]string{}
	var cols []progress.GroupGap
	for _, g := range d.Gap.Groups {
		if g.Group != d.Gap.Reference && len(g.Gaps) > 0 {
			cols = append(cols, g)
		}
	}
	for ci, g := range cols {
		t.Cols = append(t.Cols, g.Group)
		for _, p := range g.Gaps {
			if cells[p.Year] == nil {
				cells[p.Year] = make([]string, len(cols))
			}
			cells[p.Year][ci] = report.GapAmount(r.Indicator, p.Value)
		}
	}
	for _, y := range d.Years {
		if row, ok := cells[y]; ok {
			for i := range row {
				if row[i] == "" {
					row[i] = "–"
				}
			}
			t.Rows = append(t.Rows, seriesRow{Year: y, Cells: row})
		}
	}
	return t
}
