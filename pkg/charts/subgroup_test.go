package charts

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// raceGroups is the real Anchorage four-year graduation rate by
// race/ethnicity (shared data), with the 2017 Black/African American
// figure suppressed as a small cell would be.
func raceGroups() Subgroup {
	return Subgroup{
		ID: "graduation-race", Title: "Graduation rate by race/ethnicity", Unit: "%", Decimals: 1,
		Lines: []Line{
			{Name: "Alaska Native/American Indian", Points: []Point{{2015, 58.8}, {2016, 55.5}, {2017, 63.2}}},
			{Name: "Black/African American", Points: []Point{{2016, 73.9}, {2017, 78.8}}, Suppressed: []int{2017}},
			{Name: "Hispanic/Latino", Points: []Point{{2016, 76.1}, {2017, 81.2}}},
			{Name: "White", Points: []Point{{2016, 85.2}, {2017, 85.8}}},
			{Name: "Asian", Points: []Point{{2016, 87}, {2017, 88.7}}},
		},
	}
}

func mustSubgroup(t testing.TB, build func(Subgroup) ([]byte, error), s Subgroup) option {
	t.Helper()
	b, err := build(s)
	if err != nil {
		t.Fatal(err)
	}
	return mustDecode(t, b)
}

func TestSubgroupOption(t *testing.T) {
	o := mustSubgroup(t, SubgroupOption, raceGroups())
	want := []string{"Alaska Native/American Indian", "Black/African American", "Hispanic/Latino", "White", "Asian"}
	if got := o.names(); !equalStrings(got, want) {
		t.Errorf("series: got %q, want %q", got, want)
	}
	if got := o.Legend.Data; !equalStrings(got, want) {
		t.Errorf("legend: got %q, want %q", got, want)
	}
	if got, want := o.XAxis[0].Data, years(2015, 2017); !equalStrings(got, want) {
		t.Errorf("x axis: got %q, want %q", got, want)
	}
	tests := []struct {
		group string
		year  int
		want  any
	}{
		{"Alaska Native/American Indian", 2015, 58.8},
		{"Alaska Native/American Indian", 2017, 63.2},
		{"Black/African American", 2015, nil},
		{"Black/African American", 2016, 73.9},
		{"Black/African American", 2017, nil},
		{"Asian", 2017, 88.7},
	}
	for _, tt := range tests {
		if got := o.byYear(t, tt.group)[tt.year]; got != tt.want {
			t.Errorf("%s %d: got %v, want %v", tt.group, tt.year, got, tt.want)
		}
	}
	if got, want := o.Impactboard.Suppressed["Black/African American"], []int{2}; !slices.Equal(got, want) {
		t.Errorf("suppressed indices: got %v, want %v", got, want)
	}
}

// TestSubgroupLinesDifferByMoreThanColour: any two lines differ in symbol
// or dash, so they can be told apart in grey print or by a reader who
// cannot tell the colours apart.
func TestSubgroupLinesDifferByMoreThanColour(t *testing.T) {
	o := mustSubgroup(t, SubgroupOption, raceGroups())
	for i, a := range o.Series {
		for _, b := range o.Series[i+1:] {
			if a.Symbol == b.Symbol && a.LineStyle.Type == b.LineStyle.Type {
				t.Errorf("%q and %q share symbol %q and dash %q", a.Name, b.Name, a.Symbol, a.LineStyle.Type)
			}
		}
	}
}

func TestLatestBarsOption(t *testing.T) {
	tests := []struct {
		name     string
		latest   int
		series   string
		groups   []string
		want     []any
		hidden   []int
		subtitle string
	}{
		{"latest of any group", 0, "2017", lineNames(raceGroups().Lines), []any{63.2, nil, 81.2, 85.8, 88.7}, []int{1},
			"Latest year: 2017\n1 group suppressed (small number), no bar"},
		{"chosen year", 2016, "2016", lineNames(raceGroups().Lines), []any{55.5, 73.9, 76.1, 85.2, 87.0}, nil,
			"Year: 2016"},
		{"groups without a figure left out", 2015, "2015", []string{"Alaska Native/American Indian"}, []any{58.8}, nil,
			"Year: 2015\n4 groups without a 2015 figure are left out: Black/African American, Hispanic/Latino, White, Asian"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := raceGroups()
			s.LatestYear = tt.latest
			o := mustSubgroup(t, LatestBarsOption, s)
			if got, want := o.names(), []string{tt.series}; !equalStrings(got, want) {
				t.Fatalf("series: got %q, want %q", got, want)
			}
			bars := o.Series[0]
			if bars.Type != "bar" || !slices.Equal(bars.Data, tt.want) {
				t.Errorf("bars: got %s %v, want bar %v", bars.Type, bars.Data, tt.want)
			}
			if got := o.YAxis[0].Data; o.YAxis[0].Type != "category" || !equalStrings(got, tt.groups) {
				t.Errorf("group axis: got %s %q, want category %q", o.YAxis[0].Type, got, tt.groups)
			}
			if o.YAxis[0].Inverse == nil || !*o.YAxis[0].Inverse {
				t.Errorf("group axis not inverted: the first group would be at the bottom")
			}
			if got, want := o.XAxis[0].Type, "value"; got != want {
				t.Errorf("value axis: got %q, want %q", got, want)
			}
			if got := o.Impactboard.Suppressed[tt.series]; !slices.Equal(got, tt.hidden) {
				t.Errorf("suppressed: got %v, want %v", got, tt.hidden)
			}
			if got := o.Title.Subtext; got != tt.subtitle {
				t.Errorf("subtitle: got %q, want %q", got, tt.subtitle)
			}
		})
	}
}

// TestLatestBarsPickTheFullestYear follows the Better Together schools and
// districts: the latest year of any group held one school of ten and two
// districts of six, while an earlier year holds them all.
func TestLatestBarsPickTheFullestYear(t *testing.T) {
	tests := []struct {
		name   string
		lines  []Line
		year   int
		groups []string
		notes  []string
	}{
		{"earlier year has more groups", []Line{
			{Name: "Bend Senior High School", Points: []Point{{2018, 90.98}, {2020, 91.2}}},
			{Name: "Crook County High School", Points: []Point{{2018, 92.44}, {2023, 98}}},
			{Name: "La Pine High School", Points: []Point{{2018, 77.14}}},
		}, 2018, []string{"Bend Senior High School", "Crook County High School", "La Pine High School"},
			[]string{"2018: the latest year with figures for the most groups"}},
		{"tie goes to the later year, groups left out are named", []Line{
			{Name: "Bend-La Pine Schools", Points: []Point{{2022, 83.5}, {2023, 83.6}, {2024, 85.3}}},
			{Name: "Redmond School District", Points: []Point{{2022, 87.8}, {2023, 87.3}, {2024, 90.9}}},
			{Name: "Culver School District", Points: []Point{{2022, 94.3}, {2023, 92}}},
			{Name: "Sisters School District", Points: []Point{{2022, 90.3}}, Suppressed: []int{2023}},
		}, 2023, []string{"Bend-La Pine Schools", "Redmond School District", "Culver School District", "Sisters School District"},
			[]string{"2023: the latest year with figures for the most groups", "1 group suppressed (small number), no bar"}},
		{"latest year is the fullest", []Line{
			{Name: "A", Points: []Point{{2019, 1}, {2020, 2}}},
			{Name: "B", Points: []Point{{2020, 3}}},
			{Name: "C", Points: []Point{{2019, 4}}},
		}, 2020, []string{"A", "B"}, []string{"Latest year: 2020", "1 group without a 2020 figure is left out: C"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Subgroup{ID: "g", Title: "Graduation rate by School", Unit: "%", Decimals: 1, Lines: tt.lines}
			b := s.Latest()
			if b.Year != tt.year || !slices.Equal(b.Groups, tt.groups) {
				t.Errorf("got %d %q, want %d %q", b.Year, b.Groups, tt.year, tt.groups)
			}
			if got := b.Notes(); !slices.Equal(got, tt.notes) {
				t.Errorf("notes: got %q, want %q", got, tt.notes)
			}
			o := mustSubgroup(t, LatestBarsOption, s)
			if got, want := o.Series[0].Name, strconv.Itoa(tt.year); got != want {
				t.Errorf("series: got %q, want %q", got, want)
			}
			if got, want := o.Title.Subtext, strings.Join(tt.notes, "\n"); got != want {
				t.Errorf("subtitle: got %q, want %q", got, want)
			}
		})
	}
}

// TestLatestBarsFitNarrowScreens: long group names end in an ellipsis
// within their share of the width, value labels that would run together
// are hidden, and the title is cut rather than clipped.
func TestLatestBarsFitNarrowScreens(t *testing.T) {
	o := mustSubgroup(t, LatestBarsOption, raceGroups())
	if got := o.YAxis[0].AxisLabel.Overflow; got != "truncate" {
		t.Errorf("group labels overflow: got %q, want truncate", got)
	}
	if share := o.Impactboard.GroupLabelShare; share <= 0 || share >= 0.5 {
		t.Errorf("group label share: got %v, want between 0 and 0.5", share)
	}
	if !o.XAxis[0].AxisLabel.HideOverlap {
		t.Errorf("value axis labels: hideOverlap not set")
	}
	if got := o.Title.TextStyle.Overflow; got != "truncate" {
		t.Errorf("title overflow: got %q, want truncate", got)
	}
}

// nativeGap is the real 2015 graduation gap between Alaska Native/American
// Indian and Non-Native students in Anchorage (shared data): 58.8 vs 83.9.
func nativeGap() GapChart {
	return GapChart{
		ID: "native-gap", Title: "Gap to Non-Native students", Unit: " pts", Decimals: 1,
		Reference: "Non-Native (all other students)",
		Lines: []Line{
			{Name: "Alaska Native/American Indian", Points: []Point{{2015, 58.8 - 83.9}}},
		},
	}
}

func TestGapOption(t *testing.T) {
	b, err := GapOption(nativeGap())
	if err != nil {
		t.Fatal(err)
	}
	o := mustDecode(t, b)
	if got, want := o.names(), []string{"Alaska Native/American Indian"}; !equalStrings(got, want) {
		t.Fatalf("series: got %q, want %q", got, want)
	}
	if got, want := o.byYear(t, "Alaska Native/American Indian")[2015], 58.8-83.9; got != want {
		t.Errorf("gap 2015: got %v, want %v", got, want)
	}
	ref := o.Series[0].MarkLine.Data
	if len(ref) != 1 || ref[0].YAxis == nil || *ref[0].YAxis != 0 {
		t.Fatalf("reference line: got %+v, want one line at 0", ref)
	}
	if got, want := ref[0].Name, "No gap with Non-Native (all other students)"; got != want {
		t.Errorf("reference label: got %q, want %q", got, want)
	}
	if o.YAxis[0].Scale != nil && *o.YAxis[0].Scale {
		t.Errorf("gap axis scales to the data; want it to include zero")
	}
	if got, want := o.YAxis[0].AxisLabel.Formatter, "{value} pts"; got != want {
		t.Errorf("y axis formatter: got %q, want %q", got, want)
	}
}

func graduationSpark() Spark {
	p := anchorage()
	return Spark{ID: "spark-graduation", Title: p.Title, Unit: p.Unit, Decimals: p.Decimals,
		Actual: p.Actual, Target: p.Target, Glide: p.Glide}
}

func TestSparkOption(t *testing.T) {
	b, err := SparkOption(graduationSpark())
	if err != nil {
		t.Fatal(err)
	}
	o := mustDecode(t, b)
	if got, want := o.names(), []string{SeriesActual, SeriesGlide, SeriesTarget}; !equalStrings(got, want) {
		t.Errorf("series: got %q, want %q", got, want)
	}
	if got := o.byYear(t, SeriesActual)[2019]; got != 84.0 {
		t.Errorf("Actual 2019: got %v, want 84", got)
	}
	if got, want := o.scatterValues(t, SeriesTarget), [][2]any{{"2020", 90.0}}; !slices.Equal(got, want) {
		t.Errorf("Target: got %v, want %v", got, want)
	}
	if o.Legend.Show == nil || *o.Legend.Show {
		t.Errorf("legend shown; a small multiple has none")
	}
	if o.YAxis[0].Show == nil || *o.YAxis[0].Show {
		t.Errorf("value axis shown; a small multiple has minimal axes")
	}
	if o.Title.Show == nil || *o.Title.Show || o.Title.Text != graduationSpark().Title {
		t.Errorf("title: got show=%v %q, want hidden %q", o.Title.Show, o.Title.Text, graduationSpark().Title)
	}
	if !o.Tooltip.Confine {
		t.Errorf("tooltip not confined to the small chart")
	}
	if o.Tooltip.RenderMode != "richText" {
		t.Errorf("tooltip renderMode %q: the HTML one styles itself inline, which the CSP blocks", o.Tooltip.RenderMode)
	}
}

func TestSparkOptionWithGroupsOnly(t *testing.T) {
	s := Spark{ID: "spark-districts", Title: "Graduation by district", Unit: "%", Decimals: 1, Target: &Point{Year: 2025, Value: 90},
		Groups: []Line{
			{Name: "Redmond School District", Points: []Point{{Year: 2017, Value: 79.28}, {Year: 2018, Value: 82.86}}},
			{Name: "Culver School District", Points: []Point{{Year: 2019, Value: 91.84}}},
		}}
	b, err := SparkOption(s)
	if err != nil {
		t.Fatal(err)
	}
	o := mustDecode(t, b)
	if got, want := o.names(), []string{SeriesActual, "Redmond School District", "Culver School District", SeriesTarget}; !equalStrings(got, want) {
		t.Errorf("series: got %q, want %q", got, want)
	}
	if got := o.byYear(t, "Redmond School District")[2018]; got != 82.86 {
		t.Errorf("Redmond 2018: got %v, want 82.86", got)
	}
	if _, err := SparkOption(Spark{ID: "x", Groups: []Line{{Name: "bad", Points: []Point{{Year: 0, Value: 1}}}}}); err == nil {
		t.Error("a group year of 0 was accepted")
	}
}

// TestSeriesBreakOnSubgroupAndGapCharts: a series break (Oregon's 2014
// method change) is drawn on the subgroup and gap charts as on the
// progress chart: a solid black line labelled "Series break", its whole
// text heading the tooltip; a break off the axis is not drawn.
func TestSeriesBreakOnSubgroupAndGapCharts(t *testing.T) {
	brk := Mark{Year: 2016, Text: "Method change", Break: true}
	sub := raceGroups()
	sub.Marks = []Mark{brk, {Year: 2030, Text: "Off the axis", Break: true}}
	gap := nativeGap()
	gap.Lines[0].Points = append(gap.Lines[0].Points, Point{2017, -20})
	gap.Marks = sub.Marks
	tests := []struct {
		name  string
		build func() ([]byte, error)
		lines int // markLines on the first series
	}{
		{"subgroup", func() ([]byte, error) { return SubgroupOption(sub) }, 1},
		{"gap", func() ([]byte, error) { return GapOption(gap) }, 2}, // and "no gap"
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.build()
			if err != nil {
				t.Fatal(err)
			}
			o := mustDecode(t, b)
			ml := o.Series[0].MarkLine.Data
			if len(ml) != tt.lines {
				t.Fatalf("markLines: got %+v, want %d", ml, tt.lines)
			}
			got := ml[len(ml)-1]
			if got.XAxis != "2016" || got.Label.Formatter != labelBreak || got.LineStyle.Type != "solid" || got.Name != "Series break: Method change" {
				t.Errorf("break line: got %+v", got)
			}
			if m := o.Impactboard.Marks; len(m) != 1 || !slices.Equal(m["2016"], []string{"Series break: Method change"}) {
				t.Errorf("tooltip marks: got %v", m)
			}
		})
	}
}
