package dashboard

import (
	"cmp"
	"slices"
)

// Audience says who a dashboard is for.
type Audience string

// Audiences, from the widest to the narrowest.
const (
	// AudiencePublic dashboards are shown to anyone, without a login, when
	// the partnership publishes its dashboards.
	AudiencePublic Audience = "public"
	// AudiencePartners dashboards are shown to signed-in members of the partnership.
	AudiencePartners Audience = "partners"
	// AudienceBoard dashboards are shown to board members and backbone staff.
	AudienceBoard Audience = "board"
)

// Audiences lists every audience, from the widest to the narrowest.
var Audiences = []Audience{AudiencePublic, AudiencePartners, AudienceBoard}

// PanelType is what a panel shows.
type PanelType string

// Panel types.
const (
	PanelProgress  PanelType = "progress"   // an indicator's progress chart toward its target
	PanelSubgroup  PanelType = "subgroup"   // an indicator by the groups of one dimension
	PanelEquityGap PanelType = "equity_gap" // gaps between a reference group and the others
	PanelScorecard PanelType = "scorecard"  // the status of every indicator under a goal
	PanelTable     PanelType = "table"      // an indicator's figures as a table
	PanelHeadline  PanelType = "headline"   // "N of M indicators moving in the right direction"
)

// PanelTypes lists every panel type in the order the documentation gives them.
var PanelTypes = []PanelType{PanelProgress, PanelSubgroup, PanelEquityGap, PanelScorecard, PanelTable, PanelHeadline}

// Panel is one block of a dashboard. Which of Indicator, Goal, Dimension and
// Reference are set depends on Type; Parse guarantees exactly those.
type Panel struct {
	Type      PanelType
	Indicator string // indicator slug
	Goal      string // goal slug
	Dimension string // e.g. "Race/ethnicity"
	Reference string // the group an equity gap is measured from, e.g. "White"
	Title     string // optional; pages default it to the indicator's or goal's name
	Note      string // optional text shown under the panel
	Line      int    // where the panel starts in its file

	// lines holds where each field was written, so checks against the data
	// point at the offending line rather than the start of the panel.
	lines map[string]int
}

// lineOf returns the line of field, or the panel's line when unknown (a
// panel built in Go rather than parsed).
func (p Panel) lineOf(field string) int {
	if l := p.lines[field]; l > 0 {
		return l
	}
	return p.Line
}

// Dashboard is a named page of panels for one partnership.
type Dashboard struct {
	Partnership string // partnership slug: the file's folder
	Slug        string // the file name without its extension
	Title       string
	Description string
	Audience    Audience
	Panels      []Panel
	File        string // path the messages name, e.g. "anchorage-90-by-2020/graduation.yaml"
}

// ForPartnership returns the dashboards of one partnership sorted by title.
func ForPartnership(ds []*Dashboard, slug string) []*Dashboard {
	var out []*Dashboard
	for _, d := range ds {
		if d.Partnership == slug {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b *Dashboard) int {
		return cmp.Or(cmp.Compare(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug))
	})
	return out
}

// Find returns the dashboard with the given partnership and slug.
func Find(ds []*Dashboard, partnership, slug string) (*Dashboard, bool) {
	i := slices.IndexFunc(ds, func(d *Dashboard) bool { return d.Partnership == partnership && d.Slug == slug })
	if i < 0 {
		return nil, false
	}
	return ds[i], true
}

// FilesShowing returns the files of the partnership's dashboards with a
// panel of the indicator, sorted. Start-up refuses a dashboard whose
// indicator is gone, so these files stand in the way of deleting it.
func FilesShowing(ds []*Dashboard, partnership, indicator string) []string {
	return filesWith(ds, partnership, func(p Panel) bool { return p.Indicator == indicator })
}

// FilesShowingGoal returns the files of the partnership's dashboards with a
// panel of the goal (a scorecard), sorted. Start-up refuses a dashboard
// whose goal is gone, so these files stand in the way of deleting it.
func FilesShowingGoal(ds []*Dashboard, partnership, goal string) []string {
	return filesWith(ds, partnership, func(p Panel) bool { return p.Goal == goal })
}

func filesWith(ds []*Dashboard, partnership string, shows func(Panel) bool) []string {
	var files []string
	for _, d := range ds {
		if d.Partnership == partnership && slices.ContainsFunc(d.Panels, shows) {
			files = append(files, d.File)
		}
	}
	slices.Sort(files)
	return files
}
