package web

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

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
	// Conflict is shown as the flash of this very response; render fills
	// the flash from the cookie, which holds nothing here.
	Conflict string
}

func (p *reviewPage) session(pr *principal, partnership, csrf, flash string) {
	p.layout.session(pr, partnership, csrf, cmp.Or(p.Conflict, flash))
}

type reviewGroup struct {
	Ind   domain.Indicator
	Items []reviewItem
}

// reviewItem is one submitted figure and what it replaces, if anything.
type reviewItem struct {
	domain.Measurement
	ID       string // checkbox value: indicator, year, group and the version shown, encoded
	Label    string
	Previous *domain.Measurement // the figure before this submission
	Checked  bool
}

// Who is who entered the figure, breakable after the "@".
func (it reviewItem) Who() template.HTML { return breakableEmail(it.EnteredBy) }

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
		if domain.ErrorCode(err) == domain.ECONFLICT {
			return s.reviewConflict(c, form["item"], comment, reviewPartly(status, n)+domain.ErrorMessage(err)+".")
		} else if err != nil {
			return err
		}
		n += done
	}
	flash(c, reviewDone(status, n))
	return c.Redirect(http.StatusSeeOther, "/p/"+c.Param("partnership")+"/review")
}

func reviewDone(status domain.MeasurementStatus, n int) string {
	return fmt.Sprintf("%s %d figure(s).", map[domain.MeasurementStatus]string{domain.StatusApproved: "Approved", domain.StatusReturned: "Returned"}[status], n)
}

// reviewPartly says what was done before a conflict stopped the rest (one
// transaction per indicator).
func reviewPartly(status domain.MeasurementStatus, n int) string {
	if n == 0 {
		return fmt.Sprintf("Nothing was %s: ", status)
	}
	return fmt.Sprintf("%d figure(s) of other indicators were %s, the rest not: ", n, status)
}

// reviewConflict shows the review list again as it now stands, with msg as
// the flash: a figure changed (or was reviewed by someone else) after the
// editor loaded the page. Ticks stay on the figures that did not change; a
// changed one has a new version, so it comes back unticked for a fresh look.
func (s *Server) reviewConflict(c echo.Context, checked []string, comment, msg string) error {
	page, err := s.reviewBase(c, checked)
	if err != nil {
		return err
	}
	page.Comment, page.Conflict = comment, msg
	return s.render(c, http.StatusConflict, "data_review", page)
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
func reviewSelection(values []string) (map[string][]store.ReviewedFigure, []string, error) {
	picked := map[string][]store.ReviewedFigure{}
	var order []string
	for _, v := range values {
		ind, f, err := parseReviewID(v)
		if err != nil {
			return nil, nil, domain.Errorf(domain.EINVALID, "the form is damaged: reload the page and try again")
		}
		if _, seen := picked[ind]; !seen {
			order = append(order, ind)
		}
		picked[ind] = append(picked[ind], f)
	}
	return picked, order, nil
}

// reviewID names a figure as the page shows it: its key (i, y, d, g) and
// its version, the value (v) and entry time (t), so that approving it
// approves what the editor saw and not a later change.
func reviewID(m domain.Measurement) string {
	return url.Values{"i": {m.Indicator}, "y": {strconv.Itoa(m.Year)}, "d": {m.Dimension}, "g": {m.Group},
		"v": {strconv.FormatFloat(m.Value, 'g', -1, 64)}, "t": {m.EnteredAt.UTC().Format(time.RFC3339Nano)}}.Encode()
}

// parseReviewID reads a reviewID back; every part is required.
func parseReviewID(id string) (string, store.ReviewedFigure, error) {
	q, err := url.ParseQuery(id)
	if err != nil || q.Get("i") == "" {
		return "", store.ReviewedFigure{}, errors.New("no indicator")
	}
	y, yerr := strconv.Atoi(q.Get("y"))
	v, verr := strconv.ParseFloat(q.Get("v"), 64)
	at, terr := time.Parse(time.RFC3339Nano, q.Get("t"))
	if err := errors.Join(yerr, verr, terr); err != nil {
		return "", store.ReviewedFigure{}, err
	}
	return q.Get("i"), store.ReviewedFigure{MeasurementKey: store.MeasurementKey{Year: y, Dimension: q.Get("d"), Group: q.Get("g")},
		Value: &v, EnteredAt: at}, nil
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
