package snapshot

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/progress"
)

// Format and Version identify the document; Version is raised when a field
// changes meaning or goes away, so old snapshots stay readable.
const (
	Format  = "impactboard-snapshot"
	Version = 1
)

// Document is a frozen snapshot. See the package documentation.
type Document struct {
	Format  string        `json:"format"`
	Version int           `json:"version"`
	ID      string        `json:"id"`
	Title   string        `json:"title"`
	Note    string        `json:"note,omitempty"`
	TakenAt time.Time     `json:"taken_at"`
	TakenBy domain.Author `json:"taken_by"`
	Program string        `json:"program,omitempty"` // impactboard version that took it
	// Year is the year statuses were assessed in (it decides stale data).
	Year int `json:"year"`
	// Audience says who the figures are for: "members" (approved figures,
	// small cells included).
	Audience             string             `json:"audience"`
	SuppressionThreshold int                `json:"suppression_threshold"`
	Partnership          domain.Partnership `json:"partnership"`
	Headline             Headline           `json:"headline"`
	Goals                []Goal             `json:"goals"`
	Indicators           []Indicator        `json:"indicators"`
	Dashboards           []Dashboard        `json:"dashboards"`
	Bundle               *domain.Bundle     `json:"bundle"`
}

// Headline is the partnership's headline with its text.
type Headline struct {
	progress.Headline
	Text string `json:"text"`
}

// Goal is an agenda item and the slugs of its indicators.
type Goal struct {
	Slug        string   `json:"slug"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Indicators  []string `json:"indicators"`
}

// Indicator is one indicator as it stood, with its words already
// formatted, so the HTML needs no rules that could change later.
type Indicator struct {
	Slug       string          `json:"slug"`
	Goal       string          `json:"goal"`
	Name       string          `json:"name"`
	Definition string          `json:"definition,omitempty"`
	Unit       string          `json:"unit"`
	Source     string          `json:"source,omitempty"`
	Caveats    string          `json:"caveats,omitempty"`
	Progress   progress.Result `json:"progress"`
	Status     Status          `json:"status"`
	Summary    string          `json:"summary"`
	Baseline   string          `json:"baseline,omitempty"` // "59% (2005)"
	Latest     string          `json:"latest,omitempty"`
	Target     string          `json:"target,omitempty"` // "90% by 2020"
	Figures    []Figure        `json:"figures"`
	Chart      *Chart          `json:"chart,omitempty"` // the progress chart
}

// Status is a progress status as it was shown: word, symbol and tone.
type Status struct {
	Code   progress.Status `json:"code"`
	Label  string          `json:"label"`
	Symbol string          `json:"symbol"`
	Tone   string          `json:"tone"`
	Stale  bool            `json:"stale,omitempty"`
}

// Figure is one approved measurement, formatted.
type Figure struct {
	Year     int     `json:"year"`
	Group    string  `json:"group"` // "All" or "Dimension: Group"
	Value    float64 `json:"value"`
	Text     string  `json:"text"`               // "84%"
	Fraction string  `json:"fraction,omitempty"` // "840 / 1000"
	Note     string  `json:"note,omitempty"`
	Source   string  `json:"source,omitempty"`
}

// Dashboard is a dashboard definition with its panels resolved.
type Dashboard struct {
	Slug        string  `json:"slug"`
	Title       string  `json:"title"`
	Description string  `json:"description,omitempty"`
	Audience    string  `json:"audience"`
	Panels      []Panel `json:"panels"`
}

// Panel is one resolved block of a dashboard. Indicator and Goal are slugs
// into the document's Indicators and Goals.
type Panel struct {
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Note      string `json:"note,omitempty"`
	Indicator string `json:"indicator,omitempty"`
	Goal      string `json:"goal,omitempty"`
	Dimension string `json:"dimension,omitempty"`
	Reference string `json:"reference,omitempty"` // equity_gap: the group the gap is measured from
	// Charts are a subgroup panel's lines and bars, or an equity_gap
	// panel's gap chart (see GroupCharts and GapChart).
	Charts   []Chart  `json:"charts,omitempty"`
	GapLines []string `json:"gap_lines,omitempty"` // equity_gap: the gap in words
}

// GroupCharts are the panel's charts of the groups' values (lines and
// bars), GapChart its gap chart or nil. They pick by id because snapshots
// taken before each panel kept only its own part hold all three charts in
// both a subgroup and an equity_gap panel; picking keeps those showing one
// part per panel too.
func (p Panel) GroupCharts() []Chart {
	return slices.DeleteFunc(slices.Clone(p.Charts), isGapChart)
}

// GapChart: see GroupCharts.
func (p Panel) GapChart() *Chart {
	if i := slices.IndexFunc(p.Charts, isGapChart); i >= 0 {
		return &p.Charts[i]
	}
	return nil
}

func isGapChart(c Chart) bool { return strings.HasSuffix(c.ID, "-gap") }

// Chart is one chart: its ECharts option JSON (from pkg/charts), an
// accessible label and its data as a table.
type Chart struct {
	ID     string          `json:"id"`
	Label  string          `json:"label"`
	Option json.RawMessage `json:"option"`
	Table  *Table          `json:"table,omitempty"` // nil: the indicator's figures are the table
}

// Table is a chart's data: a row per year, a column per series.
type Table struct {
	Caption string     `json:"caption"`
	Cols    []string   `json:"cols"`
	Rows    []TableRow `json:"rows"`
}

// TableRow is one year of a Table.
type TableRow struct {
	Year  int      `json:"year"`
	Cells []string `json:"cells"`
}

// Indicator returns the indicator with the given slug, or nil.
func (d *Document) Indicator(slug string) *Indicator {
	for i := range d.Indicators {
		if d.Indicators[i].Slug == slug {
			return &d.Indicators[i]
		}
	}
	return nil
}

// Goal returns the goal with the given slug, or nil.
func (d *Document) Goal(slug string) *Goal {
	for i := range d.Goals {
		if d.Goals[i].Slug == slug {
			return &d.Goals[i]
		}
	}
	return nil
}
