package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/progress"
	"github.com/impactboard/impactboard/pkg/report"
)

type apiProjection struct {
	ValueAtTargetYear *float64 `json:"value_at_target_year"`
	YearReached       *int     `json:"year_reached"`
}

type apiProgress struct {
	Status     progress.Status `json:"status"`
	Label      string          `json:"label"`
	Ratio      *float64        `json:"ratio"`
	Method     domain.Method   `json:"method"`
	MethodNote string          `json:"method_note,omitempty"`
	Latest     *progress.Point `json:"latest"`
	Baseline   *progress.Point `json:"baseline"`
	Target     *progress.Point `json:"target"`
	Expected   *float64        `json:"expected_at_latest_year"`
	Change     *float64        `json:"change_since_baseline"`
	Improving  *bool           `json:"improving"`
	Stale      bool            `json:"stale"`
	Projection *apiProjection  `json:"projection"`
	Summary    string          `json:"summary"`
}

type apiMeasurement struct {
	Year        int      `json:"year"`
	Dimension   string   `json:"dimension,omitempty"`
	Group       string   `json:"group,omitempty"`
	Value       *float64 `json:"value"`
	Numerator   *float64 `json:"numerator,omitempty"`
	Denominator *float64 `json:"denominator,omitempty"`
	Suppressed  bool     `json:"suppressed,omitempty"`
	Note        string   `json:"note,omitempty"`
	Source      string   `json:"source,omitempty"`
	Status      string   `json:"status"`
}

type apiIndicatorSummary struct {
	domain.Indicator
	URL      string      `json:"url"`
	Progress apiProgress `json:"progress"`
}

type apiIndicatorDetail struct {
	apiIndicatorSummary
	Measurements []apiMeasurement    `json:"measurements"`
	Comparisons  []domain.Comparison `json:"comparisons"`
}

type apiPartnershipDetail struct {
	domain.Partnership
	Headline     progress.Headline     `json:"headline"`
	HeadlineText string                `json:"headline_text"`
	Goals        []domain.Goal         `json:"goals"`
	Partners     []domain.Partner      `json:"partners"`
	Indicators   []apiIndicatorSummary `json:"indicators"`
}

func toAPIProgress(r *report.Indicator) apiProgress {
	res := r.Result
	out := apiProgress{
		Status: res.Status, Label: res.Status.Label(), Ratio: res.Ratio, Method: res.Method, MethodNote: res.MethodNote,
		Latest: res.Latest, Baseline: res.Baseline, Target: res.Target, Expected: res.Expected,
		Change: res.Change, Improving: res.Improving, Stale: res.Stale, Summary: r.Summary,
	}
	if pr := res.Projection; pr != nil {
		out.Projection = &apiProjection{ValueAtTargetYear: pr.TargetYearValue, YearReached: pr.ReachedYear}
	}
	return out
}

func toAPISummary(p *report.Partnership, r *report.Indicator) apiIndicatorSummary {
	return apiIndicatorSummary{Indicator: r.Indicator, URL: "/api/v1/partnerships/" + p.Slug + "/indicators/" + r.Slug, Progress: toAPIProgress(r)}
}

func toAPIMeasurement(f report.Figure) apiMeasurement {
	m := apiMeasurement{Year: f.Year, Dimension: f.Dimension, Group: f.Group, Suppressed: f.Suppressed,
		Note: f.Note, Source: f.Source, Status: string(f.Status)}
	if !f.Suppressed {
		v := f.Value
		m.Value, m.Numerator, m.Denominator = &v, f.Numerator, f.Denominator
	}
	return m
}

func (s *Server) apiPartnerships(c echo.Context) error {
	ps, err := s.visiblePartnerships(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"partnerships": ps})
}

func (s *Server) apiPartnership(c echo.Context) error {
	p, err := s.partnership(c)
	if err != nil {
		return err
	}
	out := apiPartnershipDetail{Partnership: p.Partnership, Headline: p.Headline, HeadlineText: p.Headline.Text(), Goals: p.Bundle.Goals, Partners: p.Bundle.Partners,
		Indicators: summaries(p)}
	return c.JSON(http.StatusOK, out)
}

func summaries(p *report.Partnership) []apiIndicatorSummary {
	out := make([]apiIndicatorSummary, len(p.Indicators))
	for i, r := range p.Indicators {
		out[i] = toAPISummary(p, r)
	}
	return out
}

func (s *Server) apiIndicators(c echo.Context) error {
	p, err := s.partnership(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"indicators": summaries(p)})
}

func (s *Server) apiIndicator(c echo.Context) error {
	p, r, err := s.indicator(c)
	if err != nil {
		return err
	}
	out := apiIndicatorDetail{apiIndicatorSummary: toAPISummary(p, r), Measurements: make([]apiMeasurement, len(r.Figures)), Comparisons: r.Comparisons}
	for i, f := range r.Figures {
		out.Measurements[i] = toAPIMeasurement(f)
	}
	if out.Comparisons == nil {
		out.Comparisons = []domain.Comparison{}
	}
	return c.JSON(http.StatusOK, out)
}
