package seed

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"

	"github.com/impactboard/impactboard/pkg/domain"
)

var (
	measurementColumns = []string{"indicator", "year", "dimension", "group", "value", "numerator", "denominator", "note", "source"}
	comparisonColumns  = []string{"indicator", "geography", "dimension", "group", "year", "value", "note", "source"}
)

// SeedUser is who seed figures are recorded as entered by.
const SeedUser = "seed"

func (l *loader) readMeasurements(b *domain.Bundle) error {
	data, err := l.readFile(MeasurementsFile)
	if err != nil {
		return err
	}
	for _, r := range l.readTable(MeasurementsFile, data, measurementColumns) {
		c := cells{l: l, file: MeasurementsFile, row: r}
		b.Measurements = append(b.Measurements, domain.Measurement{
			Indicator: r.cells["indicator"], Year: c.year("year"),
			Dimension: r.cells["dimension"], Group: r.cells["group"],
			Value: c.number("value"), Numerator: c.optional("numerator"), Denominator: c.optional("denominator"),
			Note: r.cells["note"], Source: r.cells["source"],
			Status: domain.StatusApproved, EnteredBy: SeedUser,
		})
		l.mLines = append(l.mLines, r.line)
	}
	return nil
}

// readComparisons reads comparisons.csv, which a partnership without
// statewide figures may leave out.
func (l *loader) readComparisons(b *domain.Bundle) error {
	if _, err := fs.Stat(l.fsys, l.path(ComparisonsFile)); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	data, err := l.readFile(ComparisonsFile)
	if err != nil {
		return err
	}
	for _, r := range l.readTable(ComparisonsFile, data, comparisonColumns) {
		c := cells{l: l, file: ComparisonsFile, row: r}
		b.Comparisons = append(b.Comparisons, domain.Comparison{
			Indicator: r.cells["indicator"], Geography: r.cells["geography"],
			Dimension: r.cells["dimension"], Group: r.cells["group"],
			Year: c.year("year"), Value: c.number("value"),
			Note: r.cells["note"], Source: r.cells["source"],
		})
		l.cLines = append(l.cLines, r.line)
	}
	return nil
}

// cells parses the typed cells of one row, recording problems at its line.
type cells struct {
	l    *loader
	file string
	row  row
}

var yearPattern = regexp.MustCompile(`^[0-9]{1,4}$`)

func (c cells) fail(col, msg string) {
	c.l.fail(c.file, c.row.line, "column "+col, msg)
}

func (c cells) year(col string) int {
	s := c.row.cells[col]
	if s == "" {
		c.fail(col, "a year is required")
		return 0
	}
	if !yearPattern.MatchString(s) {
		c.fail(col, fmt.Sprintf("%q is not a year (write the ending year of a school year: 2018-19 is 2019)", s))
		return 0
	}
	y, _ := strconv.Atoi(s)
	return y
}

func (c cells) number(col string) float64 {
	v, err := domain.ParseNumber(c.row.cells[col])
	if err != nil {
		c.fail(col, err.Error())
	}
	return v
}

func (c cells) optional(col string) *float64 {
	if c.row.cells[col] == "" {
		return nil
	}
	v := c.number(col)
	return &v
}
