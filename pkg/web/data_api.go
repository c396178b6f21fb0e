package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

// apiFigureNumber keeps a number as it was written, so that what ParseNumber
// refuses (1e309, "NaN", "abc") becomes a message for that item rather
// than a failure of the whole body.
type apiFigureNumber struct {
	Raw string
	Set bool
}

// UnmarshalJSON accepts null (no number), a JSON number or a string.
func (n *apiFigureNumber) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*n = apiFigureNumber{}
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*n = apiFigureNumber{Raw: s, Set: true}
	default:
		*n = apiFigureNumber{Raw: string(b), Set: true}
	}
	return nil
}

type apiFigureIn struct {
	Year        int             `json:"year"`
	Dimension   string          `json:"dimension"`
	Group       string          `json:"group"`
	Value       apiFigureNumber `json:"value"`
	Numerator   apiFigureNumber `json:"numerator"`
	Denominator apiFigureNumber `json:"denominator"`
	Note        string          `json:"note"`
	Source      string          `json:"source"`
}

type apiFiguresRequest struct {
	Comment      string        `json:"comment"`
	Measurements []apiFigureIn `json:"measurements"`
}

type apiFigureStatusRequest struct {
	Comment string          `json:"comment"`
	Items   []apiReviewItem `json:"items"`
}

// apiReviewItem is a figure to approve or return as the caller was shown
// it: its key, its value (required; as GET ...?pending=1 gives it) and,
// optionally, when it was entered (as the history gives it). A figure that
// changed since is a 409, so nobody approves a value they never saw.
type apiReviewItem struct {
	store.MeasurementKey
	Value     *float64   `json:"value"`
	EnteredAt *time.Time `json:"entered_at"`
}

func reviewedFigures(items []apiReviewItem) []store.ReviewedFigure {
	out := make([]store.ReviewedFigure, len(items))
	for i, it := range items {
		out[i] = store.ReviewedFigure{MeasurementKey: it.MeasurementKey, Value: it.Value}
		if it.EnteredAt != nil {
			out[i].EnteredAt = *it.EnteredAt
		}
	}
	return out
}

// item reads one posted figure; place is "item N", counting from 1.
func (f apiFigureIn) item(place string) entryItem {
	it := entryItem{Place: place, M: domain.Measurement{Year: f.Year, Dimension: strings.TrimSpace(f.Dimension), Group: strings.TrimSpace(f.Group),
		Note: strings.TrimSpace(f.Note), Source: strings.TrimSpace(f.Source)}}
	bad := func(field string, err error) {
		it.Errs = append(it.Errs, domain.FieldError{Place: place, Field: field, Message: err.Error()})
	}
	var err error
	if !f.Value.Set {
		bad("value", errors.New("a number is required"))
	} else if it.M.Value, err = domain.ParseNumber(f.Value.Raw); err != nil {
		bad("value", err)
	}
	if f.Numerator.Set {
		if it.M.Numerator, err = parseOptionalCell(f.Numerator.Raw); err != nil || it.M.Numerator == nil {
			bad("numerator", numberRequired(err))
		}
	}
	if f.Denominator.Set {
		if it.M.Denominator, err = parseOptionalCell(f.Denominator.Raw); err != nil || it.M.Denominator == nil {
			bad("denominator", numberRequired(err))
		}
	}
	return it
}

func numberRequired(err error) error {
	if err == nil {
		return errors.New("a number is required (or null)")
	}
	return err
}

// apiSaveMeasurements upserts a list of figures in one transaction: all of
// them, or none with every problem named by item.
func (s *Server) apiSaveMeasurements(c echo.Context) error {
	p, r, err := s.indicator(c)
	if err != nil {
		return err
	}
	e, err := entrantFor(c, p.Slug, r.Indicator)
	if err != nil {
		return err
	}
	var req apiFiguresRequest
	if _, err := decodeJSON(c, &req, "request"); err != nil {
		return err
	}
	if len(req.Measurements) == 0 || len(req.Measurements) > maxGridRows {
		return domain.Errorf(domain.EINVALID, "send between 1 and %d measurements", maxGridRows)
	}
	comment := strings.TrimSpace(req.Comment)
	items := make([]entryItem, len(req.Measurements))
	for i, f := range req.Measurements {
		items[i] = f.item(fmt.Sprintf("item %d", i+1))
	}
	plan, errs := prepareEntry(r.Indicator, p.Bundle.Measurements, e, items)
	if len(comment) > maxDataComment {
		errs = append(errs, domain.FieldError{Field: "comment", Message: fmt.Sprintf("is longer than %d characters", maxDataComment)})
	}
	if err := domain.Invalid(fmt.Sprintf("invalid measurements for %s: nothing was saved", r.Slug), errs); err != nil {
		return err
	}
	res, err := s.saveEntry(c, p.Slug, r.Slug, plan, e, comment)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"added": res.Added, "changed": res.Changed, "unchanged": res.Unchanged,
		"status": e.status()})
}

func (s *Server) apiApprove(c echo.Context) error { return s.apiSetStatus(c, domain.StatusApproved) }

func (s *Server) apiReturn(c echo.Context) error { return s.apiSetStatus(c, domain.StatusReturned) }

func (s *Server) apiSetStatus(c echo.Context, status domain.MeasurementStatus) error {
	_, r, err := s.indicator(c)
	if err != nil {
		return err
	}
	var req apiFigureStatusRequest
	if _, err := decodeJSON(c, &req, "request"); err != nil {
		return err
	}
	comment := strings.TrimSpace(req.Comment)
	if status == domain.StatusReturned && comment == "" {
		return domain.Invalid("a return needs a comment", []domain.FieldError{{Field: "comment",
			Message: "say why the figures go back: the contributor sees it next to each figure"}})
	}
	if len(comment) > maxDataComment {
		return domain.Invalid("comment too long", []domain.FieldError{{Field: "comment", Message: fmt.Sprintf("is longer than %d characters", maxDataComment)}})
	}
	n, err := s.store.SetMeasurementStatus(c.Request().Context(), c.Param("partnership"), r.Slug, reviewedFigures(req.Items), status, who(c).User.Email, comment)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"updated": n, "status": status})
}
