package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
)

// historyPage is the audit history of an indicator's figures.
type historyPage struct {
	layout
	P       *report.Partnership
	Ind     domain.Indicator
	Figure  string // the one figure shown, when filtered
	Entries []historyEntry
}

// historyEntry is one change of one figure, old and new decoded.
type historyEntry struct {
	domain.AuditEntry
	Figure   string
	Old, New *domain.Measurement
	ind      domain.Indicator // formats the values
}

// What says in a word what the change did.
func (h historyEntry) What() string {
	switch {
	case h.Old == nil:
		return "entered"
	case h.New == nil:
		return "deleted"
	case h.Old.Status != h.New.Status && sameFigure(*h.Old, *h.New):
		return map[domain.MeasurementStatus]string{domain.StatusApproved: "approved", domain.StatusReturned: "returned",
			domain.StatusSubmitted: "submitted"}[h.New.Status]
	}
	return "changed"
}

// OldText is the figure before the change, e.g. "80.2% (n 802 / 1000), approved".
func (h historyEntry) OldText() string { return figureText(h.ind, h.Old) }

// NewText is the figure after the change.
func (h historyEntry) NewText() string { return figureText(h.ind, h.New) }

func figureText(ind domain.Indicator, m *domain.Measurement) string {
	if m == nil {
		return "–"
	}
	ind.Decimals = 6 // the history shows what was typed, unrounded
	s := report.Value(ind, m.Value)
	if m.Numerator != nil && m.Denominator != nil {
		s += fmt.Sprintf(" (%s / %s)", report.Number(ind, *m.Numerator), report.Number(ind, *m.Denominator))
	}
	if m.Status != "" {
		s += ", " + string(m.Status)
	}
	return s
}

// figureHistory reads the audit history of one indicator's figures, newest
// first, or of one figure when the query names its year (and group).
func (s *Server) figureHistory(c echo.Context, p *report.Partnership, ind domain.Indicator) ([]historyEntry, string, error) {
	key, label := "", ""
	if y := c.QueryParam("year"); y != "" {
		year, err := strconv.Atoi(y)
		if err != nil {
			return nil, "", domain.Errorf(domain.EINVALID, "year %q is not a year", y)
		}
		m := domain.Measurement{Indicator: ind.Slug, Year: year, Dimension: c.QueryParam("dimension"), Group: c.QueryParam("group")}
		key, label = domain.MeasurementKey(m), fmt.Sprintf("%d, %s", year, report.GroupLabel(m.Dimension, m.Group))
	}
	entries, err := s.store.Audit(c.Request().Context(), p.Slug, "measurement", key)
	if err != nil {
		return nil, "", err
	}
	out := []historyEntry{}
	for _, e := range entries {
		if !strings.HasPrefix(e.Key, ind.Slug+"/") {
			continue
		}
		h, err := decodeHistory(e, ind)
		if err != nil {
			return nil, "", err
		}
		out = append(out, h)
	}
	return out, label, nil
}

func decodeHistory(e domain.AuditEntry, ind domain.Indicator) (historyEntry, error) {
	h := historyEntry{AuditEntry: e, ind: ind}
	for _, side := range []struct {
		raw string
		dst **domain.Measurement
	}{{e.Old, &h.Old}, {e.New, &h.New}} {
		if side.raw == "" {
			continue
		}
		var m domain.Measurement
		if err := json.Unmarshal([]byte(side.raw), &m); err != nil {
			return h, fmt.Errorf("audit entry %d: %w", e.ID, err)
		}
		*side.dst = &m
	}
	if m := h.figure(); m != nil {
		h.Figure = fmt.Sprintf("%d, %s", m.Year, report.GroupLabel(m.Dimension, m.Group))
	}
	return h, nil
}

func (h historyEntry) figure() *domain.Measurement {
	if h.New != nil {
		return h.New
	}
	return h.Old
}

func (s *Server) historyPage(c echo.Context) error {
	p, r, err := s.indicator(c)
	if err != nil {
		return err
	}
	entries, label, err := s.figureHistory(c, p, r.Indicator)
	if err != nil {
		return err
	}
	indURL := "/p/" + p.Slug + "/indicators/" + r.Slug
	page := &historyPage{
		layout: layout{Title: "History of changes: " + r.Name, Crumbs: []crumb{{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}, {r.Name, indURL}}},
		P:      p, Ind: r.Indicator, Figure: label, Entries: entries,
	}
	return s.render(c, http.StatusOK, "data_history", page)
}

// apiHistoryEntry is an audit entry with the figure before and after, as
// JSON objects (null when created or deleted).
type apiHistoryEntry struct {
	ID      int64           `json:"id"`
	At      string          `json:"at"`
	Actor   string          `json:"actor"`
	Action  string          `json:"action"`
	Key     string          `json:"key"`
	Old     json.RawMessage `json:"old"`
	New     json.RawMessage `json:"new"`
	Comment string          `json:"comment,omitempty"`
}

func (s *Server) apiHistory(c echo.Context) error {
	p, r, err := s.indicator(c)
	if err != nil {
		return err
	}
	entries, _, err := s.figureHistory(c, p, r.Indicator)
	if err != nil {
		return err
	}
	out := make([]apiHistoryEntry, len(entries))
	for i, e := range entries {
		out[i] = apiHistoryEntry{ID: e.ID, At: e.At.UTC().Format("2006-01-02T15:04:05Z"), Actor: e.Actor, Action: e.Action, Key: e.Key,
			Old: auditJSONOrNull(e.AuditEntry.Old), New: auditJSONOrNull(e.AuditEntry.New), Comment: e.Comment}
	}
	return c.JSON(http.StatusOK, map[string]any{"entries": out})
}

func auditJSONOrNull(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(s)
}
