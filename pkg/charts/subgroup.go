package charts

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// SubgroupOption returns the ECharts option, as JSON, of one line per
// group over years, each named by its group and drawn with its own colour,
// symbol and dash. Suppressed years are gaps. Marks (series breaks) on the
// axis are vertical lines on the first series, as on the progress chart.
func SubgroupOption(s Subgroup) ([]byte, error) {
	if err := checkLines(s.Lines); err != nil {
		return nil, fmt.Errorf("subgroup chart %q: %w", s.ID, err)
	}
	axis := linesAxis(s.Lines)
	c := newYearChart(s.ID, s.Title, s.Unit, axis, nil, nil)
	addGroupLines(c, axis, s.Lines)
	marks := marksWithin(axis, s.Marks)
	if len(c.MultiSeries) > 0 {
		c.MultiSeries[0].ConfigureSeriesOpts(withMarkLines(markItems(axis, marks)))
	}
	c.SetGlobalOptions(withLegend(lineNames(s.Lines)))
	return optionJSON(c, format{Suffix: suffix(s.Unit), Decimals: s.Decimals, Suppressed: suppressedIndices(axis, s.Lines), Marks: marksFormat(marks)})
}

func addGroupLines(c *charts.Line, axis yearAxis, ls []Line) {
	for i, l := range ls {
		c.AddSeries(l.Name, nil, withData(axis.values(l.Points, l.Suppressed)),
			withLook(lookAt(i), 2), withConnectNulls(false))
	}
}

func lineNames(ls []Line) []string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.Name
	}
	return names
}

// LatestBars is what the latest-year bar chart shows: one year (LatestYear,
// or else the fullest: the latest year in which the most groups have a
// figure, since the latest of any group can hold one group of ten), and
// in the order given the groups with a
// figure that year, whether shown or suppressed. Missing are the groups
// without a figure that year: they are left out rather than drawn as empty
// rows, which read as missing data.
type LatestBars struct {
	Year       int
	Latest     bool // Year is the latest year of any group
	Fullest    bool // Year was picked as the fullest, not given
	Groups     []string
	Values     []any // nil where suppressed
	Suppressed []int // indices into Groups
	Missing    []string
}

// Latest picks the groups and values of LatestBarsOption.
func (s Subgroup) Latest() LatestBars {
	last := linesAxis(s.Lines).last
	b := LatestBars{Year: s.LatestYear, Groups: []string{}, Values: []any{}}
	if b.Year == 0 {
		b.Year, b.Fullest = fullestYear(s.Lines), true
	}
	b.Latest = b.Year == last
	for _, l := range s.Lines {
		switch v, ok := valueAt(l, b.Year); {
		case slices.Contains(l.Suppressed, b.Year):
			b.Suppressed = append(b.Suppressed, len(b.Groups))
			b.Groups = append(b.Groups, l.Name)
			b.Values = append(b.Values, nil)
		case ok:
			b.Groups = append(b.Groups, l.Name)
			b.Values = append(b.Values, v)
		default:
			b.Missing = append(b.Missing, l.Name)
		}
	}
	return b
}

// fullestYear is the latest year in which the most lines have a figure,
// shown or suppressed.
func fullestYear(ls []Line) int {
	count := map[int]int{}
	for _, l := range ls {
		for _, y := range lineYears(l) {
			count[y]++
		}
	}
	best := 0
	for y, n := range count {
		if n > count[best] || (n == count[best] && y > best) {
			best = y
		}
	}
	return best
}

// lineYears are the years a line has a figure for, each once.
func lineYears(l Line) []int {
	ys := slices.Clone(l.Suppressed)
	for _, p := range l.Points {
		ys = append(ys, p.Year)
	}
	slices.Sort(ys)
	return slices.Compact(ys)
}

// Notes are the subtitle lines: which year and why, and what is not drawn,
// by name, so a reader knows which groups to look for elsewhere.
func (b LatestBars) Notes() []string {
	notes := []string{b.yearNote()}
	if n := len(b.Missing); n > 0 {
		notes = append(notes, fmt.Sprintf("%s without a %d figure %s left out: %s", groupCount(n), b.Year, plural(n, "is", "are"), strings.Join(b.Missing, ", ")))
	}
	if n := len(b.Suppressed); n > 0 {
		notes = append(notes, fmt.Sprintf("%s suppressed (small number), no bar", groupCount(n)))
	}
	return notes
}

func (b LatestBars) yearNote() string {
	switch {
	case b.Latest:
		return fmt.Sprintf("Latest year: %d", b.Year)
	case b.Fullest:
		return fmt.Sprintf("%d: the latest year with figures for the most groups", b.Year)
	}
	return fmt.Sprintf("Year: %d", b.Year)
}

// Label is the accessible name of the bar chart titled title.
func (b LatestBars) Label(title string) string {
	label := fmt.Sprintf("%s, %d, one bar per group", title, b.Year)
	for _, n := range b.Notes()[1:] {
		label += "; " + n
	}
	return label
}

func groupCount(n int) string {
	return fmt.Sprintf("%d %s", n, plural(n, "group", "groups"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func valueAt(l Line, year int) (float64, bool) {
	for _, p := range l.Points {
		if p.Year == year {
			return p.Value, true
		}
	}
	return 0, false
}

// LatestBarsOption returns the ECharts option, as JSON, of horizontal bars
// for one year (see Latest): one bar per group with a figure that year, in
// the order given, top to bottom, and a subtitle naming the year and how
// many groups are left out. The one series is named by the year. A group
// whose value that year is suppressed keeps its row with no bar.
func LatestBarsOption(s Subgroup) ([]byte, error) {
	if err := checkLines(s.Lines); err != nil {
		return nil, fmt.Errorf("latest bars chart %q: %w", s.ID, err)
	}
	b := s.Latest()
	name := strconv.Itoa(b.Year)
	notes := b.Notes()
	c := charts.NewBar()
	c.SetGlobalOptions(commonOpts(s.ID, s.Title)...)
	c.SetGlobalOptions(
		charts.WithTitleOpts(opts.Title{Title: s.Title, Subtitle: strings.Join(notes, "\n")}),
		charts.WithGridOpts(opts.Grid{Top: strconv.Itoa(barsTop + subtitleLine*len(notes)), Left: "8", Right: "44", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(barValueAxis(s.Unit)),
		charts.WithYAxisOpts(groupAxis()),
	)
	c.XYReversal()
	c.SetXAxis(b.Groups)
	c.AddSeries(name, nil, withData(b.Values), withBarLook(s.Unit))
	f := format{Suffix: suffix(s.Unit), Decimals: s.Decimals, GroupLabelShare: groupLabelShare}
	if len(b.Suppressed) > 0 {
		f.Suppressed = map[string][]int{name: b.Suppressed}
	}
	return optionJSON(c, f)
}

// Layout of the bar chart: the grid starts below the title and one line
// per subtitle note; group names take at most groupLabelShare of the width
// (charts.js), and at most groupLabelWidth pixels before it runs.
const (
	barsTop         = 32
	subtitleLine    = 16
	groupLabelShare = 0.42
	groupLabelWidth = 160
)

// groupAxis lists groups top to bottom in the order given. Names stay on
// one line (ECharts' SVG renderer overlapped wrapped lines, "break", in
// Chromium); a name longer than its share of the width ends in an
// ellipsis, and the axis tooltip and the data table give it whole.
func groupAxis() opts.YAxis {
	return opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{
		Show: opts.Bool(true), Width: groupLabelWidth, Overflow: "truncate", Ellipsis: "…",
	}}
}

// barValueAxis starts at zero (bar lengths must be comparable), which is
// the ECharts default without scale.
// Labels that would run into each other are hidden, so a narrow chart
// shows "0% 50% 100%" rather than "20%40%60%80%".
func barValueAxis(unit string) opts.XAxis {
	return opts.XAxis{
		Type:      "value",
		AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Formatter: valueTemplate(unit), HideOverlap: opts.Bool(true)},
	}
}

func withBarLook(unit string) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Color = colorBlue
		s.ItemStyle = &opts.ItemStyle{Color: colorBlue}
		s.Label = &opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "{c}" + suffix(unit)}
		s.BarMaxWidth = "28"
	})
}
