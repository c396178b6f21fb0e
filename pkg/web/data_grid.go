package web

import (
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
)

// Grid limits: a few empty rows for new figures, and a bound on what a
// posted form may claim to hold.
const (
	newGridRows    = 5
	maxGridRows    = 5000
	maxDataComment = 2000
)

// gridPage is the data-entry grid of one indicator.
type gridPage struct {
	layout
	P           *report.Partnership
	Ind         domain.Indicator
	Action      string
	Rows        []gridRow
	Groups      []groupOption
	Comment     string
	Problems    []string // what no cell explains
	Invalid     int      // how many messages the grid shows
	Contributor bool
}

type groupOption struct{ Value, Label string }

// gridRow is one row as shown and as typed: every cell is the text the
// person entered, so a rejected form comes back exactly as it was sent.
type gridRow struct {
	N         int // position in the form
	Existing  bool
	Key       string // a stored figure's year and group, encoded
	Label     string // a stored figure's group, for people
	Status    domain.MeasurementStatus
	Locked    bool // approved, and the entrant is a contributor
	EnteredBy string
	EnteredAt time.Time
	Returned  *domain.AuditEntry // why an editor sent it back

	Year, Group, NewDimension, NewGroup      string
	Value, Numerator, Denominator, Note, Src string

	Errors map[string]string
	Other  []string
}

// Num is the row's number in messages ("row 3").
func (r gridRow) Num() int { return r.N + 1 }

// Who is who entered the row's figure, breakable after the "@".
func (r gridRow) Who() template.HTML { return breakableEmail(r.EnteredBy) }

// breakableEmail lets a long e-mail address wrap after its "@" instead of
// overflowing a narrow table cell (it has no other break opportunity).
func breakableEmail(s string) template.HTML {
	local, domain, ok := strings.Cut(s, "@")
	if !ok {
		return template.HTML(template.HTMLEscapeString(s))
	}
	return template.HTML(template.HTMLEscapeString(local) + "@<wbr>" + template.HTMLEscapeString(domain))
}

// Err is the message for one cell of the row, if any.
func (r gridRow) Err(field string) string { return r.Errors[field] }

func (r gridRow) place() string { return fmt.Sprintf("row %d", r.N+1) }

// blank reports whether a new row holds nothing to save: the prefilled
// year and group alone are not an entry.
func (r gridRow) blank() bool {
	for _, s := range []string{r.NewDimension, r.NewGroup, r.Value, r.Numerator, r.Denominator, r.Note, r.Src} {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

func (r *gridRow) addError(field, msg string) {
	switch field {
	case "year", "group", "value", "numerator", "denominator", "note", "source":
		if r.Errors == nil {
			r.Errors = map[string]string{}
		}
		if prev := r.Errors[field]; prev != "" {
			msg = prev + "; " + msg
		}
		r.Errors[field] = msg
	default:
		r.Other = append(r.Other, field+": "+msg)
	}
}

// indicatorFigures returns the stored figures of one indicator, every
// status, all groups first.
func indicatorFigures(b *domain.Bundle, slug string) []domain.Measurement {
	var out []domain.Measurement
	for _, m := range b.Measurements {
		if m.Indicator == slug {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b domain.Measurement) int {
		if a.AllGroups() != b.AllGroups() {
			if a.AllGroups() {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.Dimension, b.Dimension), cmp.Compare(a.Group, b.Group), cmp.Compare(a.Year, b.Year))
	})
	return out
}

// storedRow shows a stored figure as an editable row.
func storedRow(n int, m domain.Measurement, e entrant) gridRow {
	r := gridRow{N: n, Existing: true, Key: keyValue(m.Year, m.Dimension, m.Group), Label: report.GroupLabel(m.Dimension, m.Group),
		Status: m.Status, Locked: e.Contributor && m.Status == domain.StatusApproved, EnteredBy: m.EnteredBy, EnteredAt: m.EnteredAt,
		Year: strconv.Itoa(m.Year), Value: cellNumber(m.Value), Note: m.Note, Src: m.Source}
	if m.Numerator != nil {
		r.Numerator = cellNumber(*m.Numerator)
	}
	if m.Denominator != nil {
		r.Denominator = cellNumber(*m.Denominator)
	}
	return r
}

// cellNumber writes v as ParseNumber reads it back, exactly.
func cellNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// newRows are the empty rows for new figures, the year prefilled with the
// one after the latest.
func newRows(from int, figs []domain.Measurement, currentYear int) []gridRow {
	next := currentYear
	if len(figs) > 0 {
		next = slices.MaxFunc(figs, func(a, b domain.Measurement) int { return a.Year - b.Year }).Year + 1
	}
	rows := make([]gridRow, newGridRows)
	for i := range rows {
		rows[i] = gridRow{N: from + i, Year: strconv.Itoa(next)}
	}
	return rows
}

func groupOptions(figs []domain.Measurement) []groupOption {
	out := []groupOption{{Value: "", Label: "All"}}
	seen := map[string]bool{}
	for _, m := range figs {
		v := groupValue(m.Dimension, m.Group)
		if !m.AllGroups() && !seen[v] {
			seen[v] = true
			out = append(out, groupOption{Value: v, Label: report.GroupLabel(m.Dimension, m.Group)})
		}
	}
	return out
}

// groupValue encodes a subgroup for a select option; "" is all groups.
// Group names hold slashes and colons, so a separator would be ambiguous.
func groupValue(dimension, group string) string {
	if dimension == "" && group == "" {
		return ""
	}
	return url.Values{"d": {dimension}, "g": {group}}.Encode()
}

func keyValue(year int, dimension, group string) string {
	return url.Values{"y": {strconv.Itoa(year)}, "d": {dimension}, "g": {group}}.Encode()
}

func parseGroupValue(s string) (dimension, group string, ok bool) {
	if s == "" {
		return "", "", true
	}
	v, err := url.ParseQuery(s)
	if err != nil {
		return "", "", false
	}
	return v.Get("d"), v.Get("g"), true
}

func parseKeyValue(s string) (year int, dimension, group string, ok bool) {
	v, err := url.ParseQuery(s)
	if err != nil {
		return 0, "", "", false
	}
	year, err = strconv.Atoi(v.Get("y"))
	return year, v.Get("d"), v.Get("g"), err == nil
}

// gridCell is one text input of a row, for the "gridInput" template.
type gridCell struct {
	ID, Value, Error, Label string
	Numeric                 bool
	// Hint tells apart the two inputs sharing a cell (numerator over
	// denominator, note over source), as a placeholder.
	Hint string
}

// gridCellSpec ties a form input to the row's text, the field its
// messages name, and what a screen reader announces.
var gridCellSpec = map[string]struct {
	field, label string
	numeric      bool
	text         func(r gridRow) string
	hint         string
}{
	"year":   {"year", "Year", true, func(r gridRow) string { return r.Year }, ""},
	"dim":    {"", "New dimension", false, func(r gridRow) string { return r.NewDimension }, "dimension"},
	"grp":    {"", "New group", false, func(r gridRow) string { return r.NewGroup }, "group"},
	"value":  {"value", "Value", true, func(r gridRow) string { return r.Value }, ""},
	"num":    {"numerator", "Numerator", true, func(r gridRow) string { return r.Numerator }, "numerator"},
	"den":    {"denominator", "Denominator", true, func(r gridRow) string { return r.Denominator }, "denominator"},
	"note":   {"note", "Note", false, func(r gridRow) string { return r.Note }, "note"},
	"source": {"source", "Source", false, func(r gridRow) string { return r.Src }, "source: https://…"},
}

// Cell returns the input named name ("value", "num", ...) of the row.
func (r gridRow) Cell(name string) gridCell {
	spec := gridCellSpec[name]
	c := gridCell{ID: name + "-" + strconv.Itoa(r.N), Value: spec.text(r), Label: fmt.Sprintf("%s, row %d", spec.label, r.N+1), Numeric: spec.numeric,
		Hint: spec.hint}
	if spec.field != "" {
		c.Error = r.Errors[spec.field]
	}
	return c
}
