package charts

import (
	"fmt"
	"slices"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/progress"
	"github.com/impactboard/impactboard/pkg/report"
)

// The functions below turn an indicator's report into chart inputs. Live
// pages and snapshots both use them, so a snapshot draws exactly what the
// page drew at that moment.

// ProgressOf is the progress chart of an indicator.
func ProgressOf(r *report.Indicator, id string) Progress {
	in := Progress{
		ID: id, Title: r.Name, Unit: report.UnitSuffix(r.Indicator), Decimals: r.Decimals,
		Actual: points(r.Series), Baseline: point(r.Result.Baseline), Target: point(r.Result.Target),
		Glide: points(r.Glide), Suppressed: suppressedYears(r),
	}
	if r.Target != nil {
		in.TargetLabel = fmt.Sprintf("Target %s by %d", report.Value(r.Indicator, r.Target.Value), r.Target.Year)
	}
	if r.Result.Projection != nil {
		in.Projection = points(r.Result.Projection.Points)
	}
	for _, it := range r.Interim {
		in.Interim = append(in.Interim, Point{Year: it.Year, Value: it.Value})
	}
	for _, a := range r.Annotations {
		in.Marks = append(in.Marks, Mark{Year: a.Year, Text: a.Text, Break: a.Break})
	}
	in.Comparisons = comparisonLines(r)
	return in
}

// SparkOf is an indicator's small multiple. Without an all-groups series it
// draws the groups of the leading dimension (e.g. each district), so every
// indicator with figures shows its trend.
func SparkOf(r *report.Indicator, id string) Spark {
	sp := Spark{
		ID: id, Title: r.Name, Unit: report.UnitSuffix(r.Indicator), Decimals: r.Decimals,
		Actual: points(r.Series), Target: point(r.Result.Target), Glide: points(r.Glide),
	}
	if len(r.Series) == 0 && len(r.Dimensions) > 0 {
		for _, g := range r.Dimensions[0].Groups {
			sp.Groups = append(sp.Groups, Line{Name: g.Group, Points: points(g.Points)})
		}
	}
	return sp
}

// SubgroupOf is an indicator split by the groups of one dimension. Its
// bars show the fullest year (see LatestBars).
func SubgroupOf(r *report.Indicator, d report.Dimension, id string) Subgroup {
	sub := Subgroup{ID: id, Title: r.Name + " by " + d.Name, Unit: report.UnitSuffix(r.Indicator), Decimals: r.Decimals, Marks: seriesBreaks(r)}
	for _, g := range d.Groups {
		sub.Lines = append(sub.Lines, Line{Name: g.Group, Points: points(g.Points), Suppressed: d.Suppressed[g.Group]})
	}
	return sub
}

// GapOf is the equity gap of a dimension's groups; it has no lines when no
// group has a gap to draw.
func GapOf(r *report.Indicator, d report.Dimension, id string) GapChart {
	g := GapChart{ID: id, Title: "Gap to " + d.Gap.Reference, Unit: gapUnit(r), Decimals: r.Decimals, Reference: d.Gap.Reference, Marks: seriesBreaks(r)}
	for _, gg := range d.Gap.Groups {
		if hidden := gapSuppressed(d, gg.Group); len(gg.Gaps) > 0 || len(hidden) > 0 {
			g.Lines = append(g.Lines, Line{Name: gg.Group, Points: points(gg.Gaps), Suppressed: hidden})
		}
	}
	return g
}

// seriesBreaks are the indicator's series breaks: every group's figures
// before and after one are not comparable, so the subgroup and gap charts
// draw them too. Other annotations stay on the progress chart.
func seriesBreaks(r *report.Indicator) []Mark {
	var ms []Mark
	for _, a := range r.Annotations {
		if a.Break {
			ms = append(ms, Mark{Year: a.Year, Text: a.Text, Break: true})
		}
	}
	return ms
}

// gapUnit is " pp": a gap between two rates in percent is a difference
// in percentage points (the tables say "points"), not a percentage.
func gapUnit(r *report.Indicator) string {
	if r.Unit == domain.UnitPercent {
		return " pp"
	}
	return report.UnitSuffix(r.Indicator)
}

// gapSuppressed are the years a group's gap is not shown because its own
// figure or the reference group's is suppressed.
func gapSuppressed(d report.Dimension, group string) []int {
	ys := append(slices.Clone(d.Suppressed[group]), d.Suppressed[d.Gap.Reference]...)
	slices.Sort(ys)
	return slices.Compact(ys)
}

func points(ps []progress.Point) []Point {
	out := make([]Point, len(ps))
	for i, p := range ps {
		out[i] = Point{Year: p.Year, Value: p.Value}
	}
	return out
}

func point(p *progress.Point) *Point {
	if p == nil {
		return nil
	}
	return &Point{Year: p.Year, Value: p.Value}
}

func suppressedYears(r *report.Indicator) []int {
	var ys []int
	for _, f := range r.Figures {
		if f.AllGroups() && f.Suppressed {
			ys = append(ys, f.Year)
		}
	}
	return ys
}

// comparisonLines draws each wider geography's all-groups series.
func comparisonLines(r *report.Indicator) []Line {
	var lines []Line
	index := map[string]int{}
	for _, c := range r.Comparisons {
		if c.Dimension != "" || c.Group != "" {
			continue
		}
		i, ok := index[c.Geography]
		if !ok {
			i = len(lines)
			index[c.Geography] = i
			lines = append(lines, Line{Name: c.Geography})
		}
		lines[i].Points = append(lines[i].Points, Point{Year: c.Year, Value: c.Value})
	}
	return lines
}
