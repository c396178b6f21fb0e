package snapshot

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/impactboard/impactboard/pkg/dashboard"
	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
)

// audience is the members' view (see the package documentation). Pending
// is off: a snapshot is cited, so it holds approved figures only.
var audience = report.Audience{Member: true, SmallCells: true}

// Input is what a snapshot is made of.
type Input struct {
	ID      string // from NewID
	Title   string
	Note    string
	By      domain.Author
	At      time.Time
	Program string // the program version, for the record
	Bundle  *domain.Bundle
	// Dashboards are the loaded definitions; those of the bundle's
	// partnership are frozen.
	Dashboards []*dashboard.Dashboard
}

// NewID returns a random snapshot id: 16 bytes in hex, unguessable, so the
// link itself reveals nothing and cannot be enumerated.
func NewID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("snapshot id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// Build freezes the bundle and dashboards into a Document.
func Build(in Input) (*Document, error) {
	at := in.At.UTC()
	frozen := freeze(in.Bundle)
	p := report.Build(frozen, audience, at.Year())
	d := &Document{
		Format: Format, Version: Version, ID: in.ID, Title: in.Title, Note: in.Note,
		TakenAt: at, TakenBy: in.By, Program: in.Program, Year: at.Year(), Audience: "members",
		SuppressionThreshold: frozen.Partnership.SuppressionThreshold, Partnership: frozen.Partnership,
		Headline: Headline{Headline: p.Headline, Text: p.Headline.Text()}, Bundle: frozen,
	}
	for _, g := range p.Goals {
		dg := Goal{Slug: g.Slug, Title: g.Title, Description: g.Description, Indicators: []string{}}
		for _, r := range g.Indicators {
			dg.Indicators = append(dg.Indicators, r.Slug)
		}
		d.Goals = append(d.Goals, dg)
	}
	for _, r := range p.Indicators {
		ind, err := indicator(r)
		if err != nil {
			return nil, err
		}
		d.Indicators = append(d.Indicators, ind)
	}
	for _, def := range dashboard.ForPartnership(in.Dashboards, frozen.Partnership.Slug) {
		db, err := dashboardOf(p, def)
		if err != nil {
			return nil, err
		}
		d.Dashboards = append(d.Dashboards, db)
	}
	return d, nil
}

// freeze copies the bundle with approved figures only and without who
// entered them (staff emails have no place in a document that is shared).
func freeze(b *domain.Bundle) *domain.Bundle {
	f := *b
	f.Measurements = make([]domain.Measurement, 0, len(b.Measurements))
	for _, m := range b.Measurements {
		if m.Status == domain.StatusApproved {
			m.ID, m.EnteredBy = 0, ""
			f.Measurements = append(f.Measurements, m)
		}
	}
	return &f
}

func indicator(r *report.Indicator) (Indicator, error) {
	ind := Indicator{
		Slug: r.Slug, Goal: r.Goal.Slug, Name: r.Name, Definition: r.Definition, Unit: string(r.Unit),
		Source: r.Source, Caveats: r.Caveats, Progress: r.Result, Summary: r.Summary,
		Status: Status{Code: r.Result.Status, Label: r.Result.Status.Label(), Symbol: r.Result.Status.Symbol(),
			Tone: r.Result.Status.Tone(), Stale: r.Result.Stale},
		Baseline: yearValue(r, r.Result.Baseline), Latest: yearValue(r, r.Result.Latest), Figures: []Figure{},
	}
	if r.Target != nil {
		ind.Target = fmt.Sprintf("%s by %d", report.Value(r.Indicator, r.Target.Value), r.Target.Year)
	}
	for _, f := range r.Figures {
		ind.Figures = append(ind.Figures, figure(r, f))
	}
	if len(r.Series) > 0 || r.Target != nil {
		c, err := progressChart(r, "indicator-"+r.Slug)
		if err != nil {
			return ind, err
		}
		ind.Chart = &c
	}
	return ind, nil
}

func figure(r *report.Indicator, f report.Figure) Figure {
	out := Figure{Year: f.Year, Group: report.GroupLabel(f.Dimension, f.Group), Value: f.Value,
		Text: report.Value(r.Indicator, f.Value), Note: f.Note, Source: f.Source}
	if f.Numerator != nil && f.Denominator != nil {
		out.Fraction = report.Number(r.Indicator, *f.Numerator) + " / " + report.Number(r.Indicator, *f.Denominator)
	}
	return out
}

func dashboardOf(p *report.Partnership, def *dashboard.Dashboard) (Dashboard, error) {
	d := Dashboard{Slug: def.Slug, Title: def.Title, Description: def.Description, Audience: string(def.Audience), Panels: []Panel{}}
	for i, panel := range def.Panels {
		v, err := panelOf(p, panel, fmt.Sprintf("%s-panel-%d", def.Slug, i+1))
		if err != nil {
			return d, fmt.Errorf("dashboard %s: %w", def.Slug, err)
		}
		d.Panels = append(d.Panels, v)
	}
	return d, nil
}
