package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/store"
)

// reviewPage lists every submitted figure of a partnership for an editor
// to approve or return.
type reviewPage struct {
	layout
	P       *report.Partnership
	Groups  []reviewGroup
	Comment string
	Error   string
	Count   int
}

type reviewGroup struct {
	Ind   domain.Indicator
	Items []reviewItem
}

// reviewItem is one submitted figure and what it replaces, if anything.
type reviewItem struct {
	domain.Measurement
	ID       string // checkbox value: indicator, year and group, encoded
	Label    string
	Previous *domain.Measurement // the figure before this submission
	Checked  bool
}

func (s *Server) reviewPage(c echo.Context) error {
	page, err := s.reviewBase(c, nil)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "data_review", page)
}

// review approves or returns the checked figures, one transaction per
// indicator.
func (s *Server) review(c echo.Context) error {
	form, err := c.FormParams()
	if err != nil {
		return domain.Errorf(domain.EINVALID, "the form could not be read: reload the page and try again")
	}
	status, ok := map[string]domain.MeasurementStatus{"approve": domain.StatusApproved, "return": domain.StatusReturned}[form.Get("action")]
	if !ok {
		return domain.Errorf(domain.EINVALID, "choose Approve or Return")
	}
	picked, order, err := reviewSelection(form["item"])
	if err != nil {
		return err
	}
	comment := strings.TrimSpace(form.Get("comment"))
	if problem := reviewProblem(status, len(order), comment); problem != "" {
		page, err := s.reviewBase(c, form["item"])
		if err != nil {
			return err
		}
		page.Comment, page.Error = comment, problem
		return s.render(c, http.StatusUnprocessableEntity, "data_review", page)
	}
	n := 0
	for _, ind := range order {
		done, err := s.store.SetMeasurementStatus(c.Request().Context(), c.Param("partnership"), ind, picked[ind], status, who(c).User.Email, comment)
		if err != nil {
			return err
		}
		n += done
	}
	flash(c, fmt.Sprintf("%s %d figure(s).", map[domain.MeasurementStatus]string{domain.StatusApproved: "Approved", domain.StatusReturned: "Returned"}[status], n))
	return c.Redirect(http.StatusSeeOther, "/p/"+c.Param("partnership")+"/review")
}

func reviewProblem(status domain.MeasurementStatus, picked int, comment string) string {
	switch {
	case picked == 0:
		return "Tick at least one figure."
	case status == domain.StatusReturned && comment == "":
		return "Say in the comment why the figures go back: the contributor sees it next to each figure."
	case len(comment) > maxDataComment:
		return fmt.Sprintf("The comment is longer than %d characters.", maxDataComment)
	}
	return ""
}

// reviewSelection groups the ticked figures by indicator, in the order
// they were listed.
func reviewSelection(values []string) (map[string][]store.MeasurementKey, []string, error) {
	picked := map[string][]store.MeasurementKey{}
	var order []string
	for _, v := range values {
		q, err := url.ParseQuery(v)
		y, yerr := strconv.Atoi(q.Get("y"))
		if err != nil || yerr != nil || q.Get("i") == "" {
			return nil, nil, domain.Errorf(domain.EINVALID, "the form is damaged: reload the page and try again")
		}
		ind := q.Get("i")
		if _, seen := picked[ind]; !seen {
			order = append(order, ind)
		}
		picked[ind] = append(picked[ind], store.MeasurementKey{Year: y, Dimension: q.Get("d"), Group: q.Get("g")})
	}
	return picked, order, nil
}

func reviewID(m domain.Measurement) string {
	return url.Values{"i": {m.Indicator}, "y": {strconv.Itoa(m.Year)}, "d": {m.Dimension}, "g": {m.Group}}.Encode()
}

// reviewBase lists the submitted figures by indicator, each with the
// figure it would replace, read from its audit history.
func (s *Server) reviewBase(c echo.Context, checked []string) (*reviewPage, error) {
	p, err := s.partnership(c)
	if err != nil {
		return nil, err
	}
	page := &reviewPage{layout: layout{Title: "Review submitted figures", Crumbs: []crumb{{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}}}, P: p}
	for _, ind := range p.Bundle.Indicators {
		g := reviewGroup{Ind: ind}
		for _, m := range indicatorFigures(p.Bundle, ind.Slug) {
			if m.Status != domain.StatusSubmitted {
				continue
			}
			it := reviewItem{Measurement: m, ID: reviewID(m), Label: report.GroupLabel(m.Dimension, m.Group)}
			it.Checked = slices.Contains(checked, it.ID)
			if it.Previous, err = s.previousFigure(c, p.Slug, m); err != nil {
				return nil, err
			}
			g.Items = append(g.Items, it)
		}
		if len(g.Items) > 0 {
			page.Groups = append(page.Groups, g)
			page.Count += len(g.Items)
		}
	}
	return page, nil
}

// previousFigure is what the latest change to m replaced: nil for a new
// figure.
func (s *Server) previousFigure(c echo.Context, partnership string, m domain.Measurement) (*domain.Measurement, error) {
	entries, err := s.store.Audit(c.Request().Context(), partnership, "measurement", domain.MeasurementKey(m))
	if err != nil || len(entries) == 0 || entries[0].Old == "" {
		return nil, err
	}
	var old domain.Measurement
	if err := json.Unmarshal([]byte(entries[0].Old), &old); err != nil {
		return nil, fmt.Errorf("audit entry %d: %w", entries[0].ID, err)
	}
	return &old, nil
}
