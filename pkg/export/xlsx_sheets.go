package export

import (
	"fmt"
	"strings"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/progress"
	"github.com/impactboard/impactboard/pkg/report"
)

var summaryColumns = []string{"Indicator", "Sheet", "Goal", "Unit", "Direction",
	"Baseline year", "Baseline", "Latest year", "Latest", "Target year", "Target",
	"Status", "Ratio", "Summary"}

func (b *book) summary() error {
	s, err := b.newSheet(1, 40, 24, 30, 12, 16, 9, 9, 9, 9, 9, 9, 20, 8, 80)
	if err != nil {
		return err
	}
	rows := [][]any{{styled{styleTitle, SafeCell(b.p.Name)}}}
	for _, a := range b.about {
		rows = append(rows, []any{SafeCell(a.Label), SafeCell(a.Value)})
	}
	rows = append(rows,
		[]any{"Generated at", b.at.Format(time.RFC3339)},
		[]any{"Headline", SafeCell(b.p.Headline.Text())})
	for _, r := range rows {
		if err := s.add(r...); err != nil {
			return err
		}
	}
	s.skip()
	if err := s.header(summaryColumns...); err != nil {
		return err
	}
	for i, ind := range b.p.Indicators {
		if err := s.add(b.summaryRow(b.sheets[i], ind)...); err != nil {
			return err
		}
	}
	return s.close()
}

func (b *book) summaryRow(sheetName string, ind *report.Indicator) []any {
	res := ind.Result
	row := []any{SafeCell(ind.Name), SafeCell(sheetName), SafeCell(ind.Goal.Title), SafeCell(unit(ind.Indicator)),
		string(ind.Direction) + " is better"}
	row = append(row, yearValue(res.Baseline)...)
	row = append(row, yearValue(res.Latest)...)
	row = append(row, yearValue(res.Target)...)
	var ratio any // nil leaves the cell empty
	if res.Ratio != nil {
		ratio = styled{styleRatio, *res.Ratio}
	}
	return append(row, res.Status.Label(), ratio, SafeCell(ind.Summary))
}

func unit(ind domain.Indicator) string {
	if ind.Unit == domain.UnitRate {
		return fmt.Sprintf("rate per %d", ind.RatePer)
	}
	return string(ind.Unit)
}

// yearValue is two cells, year and value, left empty when p is nil.
func yearValue(p *progress.Point) []any {
	if p == nil {
		return []any{nil, nil}
	}
	return []any{p.Year, p.Value}
}

func (b *book) indicator(n int, ind *report.Indicator, figures report.FigureFunc) error {
	s, err := b.newSheet(n, 24, 7, 18, 28, 12, 11, 12, 50, 50, 10)
	if err != nil {
		return err
	}
	if err := s.header(Header...); err != nil {
		return err
	}
	hidden := fmt.Sprintf("suppressed (n < %d)", b.p.SuppressionThreshold)
	err = figures(func(f report.Figure) error {
		b.sources.add(ind.Slug, f)
		return s.add(figureRow(ind.Slug, f, hidden)...)
	})
	if err != nil {
		return err
	}
	return s.close()
}

// figureRow is one figure in the columns of Header; a nil cell stays empty.
func figureRow(slug string, f report.Figure, hidden string) []any {
	row := []any{SafeCell(slug), f.Year, SafeCell(f.Dimension), SafeCell(f.Group), hidden, nil, nil,
		SafeCell(f.Note), SafeCell(f.Source), SafeCell(string(f.Status))}
	if f.Suppressed {
		return row
	}
	row[4] = f.Value
	if f.Numerator != nil {
		row[5] = *f.Numerator
	}
	if f.Denominator != nil {
		row[6] = *f.Denominator
	}
	return row
}

func (b *book) sourcesSheet(n int) error {
	s, err := b.newSheet(n, 90, 50, 30)
	if err != nil {
		return err
	}
	if err := s.header("Source", "Indicators", "Years"); err != nil {
		return err
	}
	for _, src := range b.sources.list {
		if err := s.add(SafeCell(src.URL), SafeCell(strings.Join(src.Indicators, ", ")), src.years()); err != nil {
			return err
		}
	}
	return s.close()
}
