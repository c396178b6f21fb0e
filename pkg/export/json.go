package export

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/progress"
	"github.com/impactboard/impactboard/pkg/report"
)

// Format and Version identify the JSON document; see the package comment.
const (
	Format  = "impactboard-export"
	Version = 1
)

type jsonHead struct {
	Format      string             `json:"format"`
	Version     int                `json:"version"`
	GeneratedAt time.Time          `json:"generated_at"`
	Partnership domain.Partnership `json:"partnership"`
	Headline    jsonHeadline       `json:"headline"`
	Goals       []jsonGoal         `json:"goals"`
	Partners    []domain.Partner   `json:"partners"`
}

type jsonHeadline struct {
	progress.Headline
	Text string `json:"text"`
}

type jsonGoal struct {
	domain.Goal
	Indicators []string `json:"indicators"`
}

// jsonIndicatorHead is an indicator's object up to its measurements and
// comparisons, which writeJSONIndicator appends in that order.
type jsonIndicatorHead struct {
	domain.Indicator
	Progress jsonProgress `json:"progress"`
}

// jsonProgress has the field names of the API's progress object.
type jsonProgress struct {
	Status     progress.Status `json:"status"`
	Label      string          `json:"label"`
	Ratio      *float64        `json:"ratio"`
	Method     domain.Method   `json:"method"`
	MethodNote string          `json:"method_note,omitempty"`
	Baseline   *progress.Point `json:"baseline"`
	Latest     *progress.Point `json:"latest"`
	Target     *progress.Point `json:"target"`
	Expected   *float64        `json:"expected_at_latest_year"`
	Change     *float64        `json:"change_since_baseline"`
	Improving  *bool           `json:"improving"`
	Stale      bool            `json:"stale"`
	Projection *jsonProjection `json:"projection"`
	Summary    string          `json:"summary"`
}

type jsonProjection struct {
	ValueAtTargetYear *float64 `json:"value_at_target_year"`
	YearReached       *int     `json:"year_reached"`
}

type jsonMeasurement struct {
	Year        int      `json:"year"`
	Dimension   string   `json:"dimension"`
	Group       string   `json:"group"`
	Value       *float64 `json:"value"`
	Suppressed  bool     `json:"suppressed"`
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
	Note        string   `json:"note"`
	Source      string   `json:"source"`
	Status      string   `json:"status"`
}

// JSON writes p as the versioned document described in the package
// comment.
func JSON(w io.Writer, p *report.Partnership, generated time.Time) error {
	return SourceJSON(w, FromReport(p), generated)
}

// SourceJSON writes src as JSON does: the head first, then each indicator
// as it comes, its measurements one at a time, so memory holds one figure.
func SourceJSON(w io.Writer, src Source, generated time.Time) error {
	head, err := json.Marshal(newHead(src.Report(), generated))
	if err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	// Reopen the head object to append the indicators array to it.
	head = append(head[:len(head)-1], `,"indicators":[`...)
	if _, err := w.Write(head); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	first := true
	err = src.Each(func(ind *report.Indicator, figures report.FigureFunc) error {
		sep := ","
		if first {
			sep, first = "", false
		}
		if err := writeJSONIndicator(w, sep, ind, figures); err != nil {
			return fmt.Errorf("indicator %s: %w", ind.Slug, err)
		}
		return nil
	})
	if err == nil {
		_, err = io.WriteString(w, "]}\n")
	}
	if err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// writeJSONIndicator writes the object jsonIndicator describes, field by
// field: the head marshalled whole, then each measurement, then the
// comparisons. The bytes are those json.Encoder would write for the whole
// object, newline included.
func writeJSONIndicator(w io.Writer, sep string, ind *report.Indicator, figures report.FigureFunc) error {
	head, err := json.Marshal(jsonIndicatorHead{Indicator: ind.Indicator, Progress: newJSONProgress(ind)})
	if err != nil {
		return err
	}
	bw := jsonWriter{w: w}
	bw.write(sep)
	bw.writeBytes(head[:len(head)-1])
	bw.write(`,"measurements":[`)
	n := 0
	err = figures(func(f report.Figure) error {
		if n++; n > 1 {
			bw.write(",")
		}
		bw.marshal(newJSONMeasurement(f))
		return bw.err
	})
	if err != nil {
		return err
	}
	comparisons := ind.Comparisons
	if comparisons == nil {
		comparisons = []domain.Comparison{}
	}
	bw.write(`],"comparisons":`)
	bw.marshal(comparisons)
	bw.write("}\n")
	return bw.err
}

// jsonWriter keeps the first error, so a sequence of writes checks once.
type jsonWriter struct {
	w   io.Writer
	err error
}

func (j *jsonWriter) write(s string) {
	if j.err == nil {
		_, j.err = io.WriteString(j.w, s)
	}
}

func (j *jsonWriter) writeBytes(b []byte) {
	if j.err == nil {
		_, j.err = j.w.Write(b)
	}
}

func (j *jsonWriter) marshal(v any) {
	if j.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		j.err = err
		return
	}
	j.writeBytes(b)
}

func newHead(p *report.Partnership, generated time.Time) jsonHead {
	h := jsonHead{Format: Format, Version: Version, GeneratedAt: generated.UTC(), Partnership: p.Partnership,
		Headline: jsonHeadline{Headline: p.Headline, Text: p.Headline.Text()},
		Goals:    make([]jsonGoal, len(p.Goals)), Partners: []domain.Partner{}}
	for i, g := range p.Goals {
		h.Goals[i] = jsonGoal{Goal: g.Goal, Indicators: []string{}}
		for _, ind := range g.Indicators {
			h.Goals[i].Indicators = append(h.Goals[i].Indicators, ind.Slug)
		}
	}
	if p.Bundle != nil {
		for _, pt := range p.Bundle.Partners {
			if pt.Contributes == nil {
				pt.Contributes = []string{}
			}
			h.Partners = append(h.Partners, pt)
		}
	}
	return h
}

func newJSONProgress(ind *report.Indicator) jsonProgress {
	r := ind.Result
	out := jsonProgress{Status: r.Status, Label: r.Status.Label(), Ratio: r.Ratio, Method: r.Method, MethodNote: r.MethodNote,
		Baseline: r.Baseline, Latest: r.Latest, Target: r.Target, Expected: r.Expected, Change: r.Change,
		Improving: r.Improving, Stale: r.Stale, Summary: ind.Summary}
	if pr := r.Projection; pr != nil {
		out.Projection = &jsonProjection{ValueAtTargetYear: pr.TargetYearValue, YearReached: pr.ReachedYear}
	}
	return out
}

// newJSONMeasurement leaves value, numerator and denominator null when the
// figure is suppressed.
func newJSONMeasurement(f report.Figure) jsonMeasurement {
	m := jsonMeasurement{Year: f.Year, Dimension: f.Dimension, Group: f.Group, Suppressed: f.Suppressed,
		Note: f.Note, Source: f.Source, Status: string(f.Status)}
	if !f.Suppressed {
		v := f.Value
		m.Value, m.Numerator, m.Denominator = &v, f.Numerator, f.Denominator
	}
	return m
}
