package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/store"
)

// dataGrid shows the indicator's figures, every status, as editable rows
// plus empty rows for new ones.
func (s *Server) dataGrid(c echo.Context) error {
	page, e, figs, err := s.gridBase(c)
	if err != nil {
		return err
	}
	for i, m := range figs {
		page.Rows = append(page.Rows, storedRow(i, m, e))
	}
	page.Rows = append(page.Rows, newRows(len(figs), figs, s.cfg.Now().Year())...)
	if err := s.returnNotes(c, page); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "data_grid", page)
}

// saveData saves every filled row at once, or nothing: any problem brings
// the grid back as typed, each message next to its cell.
func (s *Server) saveData(c echo.Context) error {
	page, e, figs, err := s.gridBase(c)
	if err != nil {
		return err
	}
	if page.Rows, err = postedRows(c, storedByKey(page.Ind.Slug, figs), e); err != nil {
		return err
	}
	page.Comment = strings.TrimSpace(c.FormValue("comment"))
	plan, errs := prepareEntry(page.Ind, figs, e, gridItems(page.Rows))
	if len(page.Comment) > maxDataComment {
		errs = append(errs, domain.FieldError{Field: "comment", Message: fmt.Sprintf("is longer than %d characters", maxDataComment)})
	}
	if len(errs) == 0 {
		res, err := s.saveEntry(c, page.P.Slug, page.Ind.Slug, plan, e, page.Comment)
		if err == nil {
			return s.savedData(c, page, e, res)
		}
		if errs = storeItemPlaces(err, plan.Places); errs == nil {
			return err
		}
	}
	page.showErrors(errs)
	if err := s.returnNotes(c, page); err != nil {
		return err
	}
	return s.render(c, http.StatusUnprocessableEntity, "data_grid", page)
}

func (s *Server) savedData(c echo.Context, page *gridPage, e entrant, res store.SaveResult) error {
	msg := fmt.Sprintf("Saved the figures of %s: %d added, %d changed, %d unchanged.", page.Ind.Name, res.Added, res.Changed, res.Unchanged)
	if res.Added+res.Changed == 0 {
		msg = "Nothing changed: no figure differs from what was stored."
	}
	next := "/p/" + page.P.Slug + "/indicators/" + page.Ind.Slug
	if e.Contributor && res.Added+res.Changed > 0 {
		msg += " They wait for an editor's approval; until then only members who include pending figures see them."
		next += "?pending=1"
	}
	flash(c, msg)
	return c.Redirect(http.StatusSeeOther, next)
}

// gridBase loads what both the form and its submission need, and applies
// the contributor rule.
func (s *Server) gridBase(c echo.Context) (*gridPage, entrant, []domain.Measurement, error) {
	p, r, err := s.indicator(c)
	if err != nil {
		return nil, entrant{}, nil, err
	}
	e, err := entrantFor(c, p.Slug, r.Indicator)
	if err != nil {
		return nil, e, nil, err
	}
	figs := indicatorFigures(p.Bundle, r.Slug)
	indURL := "/p/" + p.Slug + "/indicators/" + r.Slug
	page := &gridPage{
		layout: layout{Title: "Enter data: " + r.Name, Crumbs: []crumb{
			{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}, {r.Name, indURL},
		}},
		P: p, Ind: r.Indicator, Action: indURL + "/data", Groups: groupOptions(figs), Contributor: e.Contributor,
	}
	return page, e, figs, nil
}

// postedRows reads the grid back from the form. A stored figure the
// entrant may not change is shown as stored, whatever was posted.
func postedRows(c echo.Context, stored map[store.MeasurementKey]domain.Measurement, e entrant) ([]gridRow, error) {
	n, err := strconv.Atoi(c.FormValue("rows"))
	if err != nil || n < 0 || n > maxGridRows {
		return nil, domain.Errorf(domain.EINVALID, "the form is incomplete: reload the page and enter the figures again")
	}
	rows := make([]gridRow, n)
	for i := range rows {
		cell := func(name string) string { return c.FormValue(name + "-" + strconv.Itoa(i)) }
		r := gridRow{N: i, Year: cell("year"), Group: cell("group"), NewDimension: cell("dim"), NewGroup: cell("grp"),
			Value: cell("value"), Numerator: cell("num"), Denominator: cell("den"), Note: cell("note"), Src: cell("source")}
		if key := cell("key"); key != "" {
			y, d, g, ok := parseKeyValue(key)
			if !ok {
				return nil, domain.Errorf(domain.EINVALID, "the form is damaged (row %d): reload the page and enter the figures again", i+1)
			}
			r = existingRow(r, y, d, g, stored, e)
		}
		rows[i] = r
	}
	return rows, nil
}

func existingRow(r gridRow, y int, d, g string, stored map[store.MeasurementKey]domain.Measurement, e entrant) gridRow {
	m, ok := stored[store.MeasurementKey{Year: y, Dimension: d, Group: g}]
	if !ok { // deleted since the form was shown: entering it again adds it
		r.Existing, r.Key, r.Year = true, keyValue(y, d, g), strconv.Itoa(y)
		r.Label = report.GroupLabel(d, g)
		return r
	}
	shown := storedRow(r.N, m, e)
	if shown.Locked {
		return shown
	}
	shown.Value, shown.Numerator, shown.Denominator, shown.Note, shown.Src = r.Value, r.Numerator, r.Denominator, r.Note, r.Src
	return shown
}

// gridItems returns the rows that hold an entry.
func gridItems(rows []gridRow) []entryItem {
	var items []entryItem
	for _, r := range rows {
		if !r.Locked && (r.Existing || !r.blank()) {
			items = append(items, r.item())
		}
	}
	return items
}

// saveEntry writes a checked entry; with nothing new it writes nothing.
func (s *Server) saveEntry(c echo.Context, partnership, indicator string, plan entryPlan, e entrant, comment string) (store.SaveResult, error) {
	res := store.SaveResult{Unchanged: plan.Unchanged}
	if len(plan.Save) == 0 {
		return res, nil
	}
	saved, err := s.store.SaveMeasurements(c.Request().Context(), partnership, indicator, plan.Save, e.Actor, comment)
	saved.Unchanged += plan.Unchanged
	return saved, err
}

// item reads a row's cells; what cannot be read becomes a message for
// that cell.
func (r gridRow) item() entryItem {
	it := entryItem{Place: r.place()}
	bad := func(field, msg string) {
		it.Errs = append(it.Errs, domain.FieldError{Place: it.Place, Field: field, Message: msg})
	}
	m := &it.M
	if r.Existing {
		m.Year, m.Dimension, m.Group, _ = parseKeyValue(r.Key)
	} else {
		var err error
		if m.Year, err = parseYearCell(r.Year); err != nil {
			bad("year", err.Error())
		}
		var ok bool
		if m.Dimension, m.Group, ok = r.subgroup(); !ok {
			bad("group", "choose a group from the list, or type a new dimension and group")
		}
	}
	var err error
	if m.Value, err = domain.ParseNumber(r.Value); err != nil {
		bad("value", err.Error())
	}
	if m.Numerator, err = parseOptionalCell(r.Numerator); err != nil {
		bad("numerator", err.Error())
	}
	if m.Denominator, err = parseOptionalCell(r.Denominator); err != nil {
		bad("denominator", err.Error())
	}
	m.Note, m.Source = strings.TrimSpace(r.Note), strings.TrimSpace(r.Src)
	return it
}

// subgroup is the typed new dimension and group, or else the chosen one.
func (r gridRow) subgroup() (dimension, group string, ok bool) {
	d, g := strings.TrimSpace(r.NewDimension), strings.TrimSpace(r.NewGroup)
	if d != "" || g != "" {
		return d, g, true
	}
	return parseGroupValue(r.Group)
}

func parseYearCell(s string) (int, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("a year is required")
	}
	y, err := strconv.Atoi(t)
	if err != nil {
		return 0, fmt.Errorf("%q is not a year (write the ending year of a school year: 2020 for 2019-20)", s)
	}
	return y, nil
}

// showErrors puts each message next to its cell; what belongs to no row
// goes above the grid.
func (p *gridPage) showErrors(errs []domain.FieldError) {
	byPlace := map[string]*gridRow{}
	for i := range p.Rows {
		byPlace[p.Rows[i].place()] = &p.Rows[i]
	}
	for _, fe := range errs {
		if r, ok := byPlace[fe.Place]; ok {
			r.addError(fe.Field, fe.Message)
		} else {
			p.Problems = append(p.Problems, fe.String())
		}
		p.Invalid++
	}
}

// returnNotes finds, for each returned figure, the editor's comment: the
// latest entry of its audit history is the return itself.
func (s *Server) returnNotes(c echo.Context, page *gridPage) error {
	for i := range page.Rows {
		r := &page.Rows[i]
		if !r.Existing || r.Status != domain.StatusReturned {
			continue
		}
		y, d, g, _ := parseKeyValue(r.Key)
		key := domain.MeasurementKey(domain.Measurement{Indicator: page.Ind.Slug, Year: y, Dimension: d, Group: g})
		entries, err := s.store.Audit(c.Request().Context(), page.P.Slug, "measurement", key)
		if err != nil {
			return err
		}
		if len(entries) > 0 {
			r.Returned = &entries[0]
		}
	}
	return nil
}
