package charts

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
)

// anchorage is the real Anchorage School District four-year graduation
// rate (shared data, hs_grad_4yr, all students) and the partnership's
// target of 90% by 2020 from its 2005 baseline.
func anchorage() Progress {
	return Progress{
		ID:       "graduation",
		Title:    "High-school graduation rate",
		Unit:     "%",
		Decimals: 1,
		Actual: []Point{
			{2005, 59}, {2011, 72}, {2012, 73}, {2013, 76}, {2015, 80.2},
			{2016, 79.7}, {2017, 81.4}, {2018, 80.7}, {2019, 84},
		},
		Baseline: &Point{2005, 59},
		Target:   &Point{2020, 90},
		Glide:    []Point{{2005, 59}, {2020, 90}},
	}
}

func TestProgressOptionAnchorage(t *testing.T) {
	b, err := ProgressOption(anchorage())
	if err != nil {
		t.Fatal(err)
	}
	o := mustDecode(t, b)

	wantNames := []string{SeriesActual, SeriesTarget, SeriesGlide, SeriesBaseline}
	if got := o.Legend.Data; !equalStrings(got, wantNames) {
		t.Errorf("legend: got %q, want %q", got, wantNames)
	}
	if got := o.names(); !sameSet(got, wantNames) {
		t.Errorf("series: got %q, want %q", got, wantNames)
	}
	if got, want := o.XAxis[0].Data, years(2005, 2020); !equalStrings(got, want) {
		t.Errorf("x axis: got %q, want %q", got, want)
	}
	if got, want := o.XAxis[0].Type, "category"; got != want {
		t.Errorf("x axis type: got %q, want %q", got, want)
	}

	actual := o.byYear(t, SeriesActual)
	want := map[int]any{
		2005: 59.0, 2006: nil, 2007: nil, 2008: nil, 2009: nil, 2010: nil,
		2011: 72.0, 2012: 73.0, 2013: 76.0, 2014: nil, 2015: 80.2,
		2016: 79.7, 2017: 81.4, 2018: 80.7, 2019: 84.0, 2020: nil,
	}
	for year, w := range want {
		if got := actual[year]; got != w {
			t.Errorf("Actual %d: got %v, want %v", year, got, w)
		}
	}
	s := o.series(t, SeriesActual)
	if s.ConnectNulls == nil || *s.ConnectNulls {
		t.Errorf("Actual connectNulls: got %v, want false (years without data are gaps)", s.ConnectNulls)
	}
	if got, want := s.LineStyle.Type, "solid"; got != want {
		t.Errorf("Actual line: got %q, want %q", got, want)
	}
}

func TestProgressOptionTargetGlideBaseline(t *testing.T) {
	o := mustProgress(t, anchorage())

	if got, want := o.scatterValues(t, SeriesTarget), [][2]any{{"2020", 90.0}}; !slices.Equal(got, want) {
		t.Errorf("Target: got %v, want %v", got, want)
	}
	lines := o.series(t, SeriesTarget).MarkLine.Data
	if len(lines) != 1 || lines[0].YAxis == nil || *lines[0].YAxis != 90 {
		t.Fatalf("Target markLine: got %+v, want one line at 90", lines)
	}
	if got, want := lines[0].Name, "Target 90% by 2020"; got != want {
		t.Errorf("Target label: got %q, want %q", got, want)
	}
	if got, want := o.scatterValues(t, SeriesBaseline), [][2]any{{"2005", 59.0}}; !slices.Equal(got, want) {
		t.Errorf("Baseline: got %v, want %v", got, want)
	}

	glide := o.byYear(t, SeriesGlide)
	for year, w := range map[int]float64{2005: 59, 2013: 59 + 31*8/15.0, 2020: 90} {
		got, ok := glide[year].(float64)
		if !ok || math.Abs(got-w) > 1e-9 {
			t.Errorf("Glide path %d: got %v, want %v", year, glide[year], w)
		}
	}
	if got, want := o.series(t, SeriesGlide).LineStyle.Type, "dashed"; got != want {
		t.Errorf("Glide path line: got %q, want %q", got, want)
	}
}

func TestProgressOptionAxisAndFormat(t *testing.T) {
	o := mustProgress(t, anchorage())
	if got, want := o.YAxis[0].AxisLabel.Formatter, "{value}%"; got != want {
		t.Errorf("y axis formatter: got %q, want %q", got, want)
	}
	if o.Animation == nil || *o.Animation {
		t.Errorf("animation: got %v, want false", o.Animation)
	}
	if got, want := o.Tooltip.Trigger, "axis"; got != want {
		t.Errorf("tooltip trigger: got %q, want %q", got, want)
	}
	if got, want := o.Impactboard, (format{Suffix: "%", Decimals: 1}); got.Suffix != want.Suffix || got.Decimals != want.Decimals {
		t.Errorf("format: got %+v, want %+v", got, want)
	}
	if got, want := o.Color[0], colorBlue; got != want {
		t.Errorf("palette: got %q first, want Okabe-Ito blue %q", got, want)
	}
}

func TestProgressOptionDerivesGlide(t *testing.T) {
	p := anchorage()
	p.Glide = nil
	o := mustProgress(t, p)
	glide := o.byYear(t, SeriesGlide)
	if glide[2005] != 59.0 || glide[2020] != 90.0 {
		t.Errorf("derived glide path: got 2005=%v 2020=%v, want 59 and 90", glide[2005], glide[2020])
	}
}

func TestProgressOptionOnlyActual(t *testing.T) {
	p := Progress{ID: "x", Actual: []Point{{2013, 67}}}
	o := mustProgress(t, p)
	if got, want := o.names(), []string{SeriesActual}; !equalStrings(got, want) {
		t.Errorf("series: got %q, want %q", got, want)
	}
	if got, want := o.XAxis[0].Data, []string{"2013"}; !equalStrings(got, want) {
		t.Errorf("x axis: got %q, want %q", got, want)
	}
}

func TestProgressOptionSuppressed(t *testing.T) {
	p := anchorage()
	p.Suppressed = []int{2013}
	p.Glide = nil
	p.Baseline, p.Target = nil, nil
	b, err := ProgressOption(p)
	if err != nil {
		t.Fatal(err)
	}
	o := mustDecode(t, b)

	if got := o.byYear(t, SeriesActual)[2013]; got != nil {
		t.Errorf("Actual 2013: got %v, want null (suppressed)", got)
	}
	var raw any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(numbers(raw), 76) {
		t.Errorf("the suppressed value 76 appears in the option:\n%s", b)
	}
	if got, want := o.Impactboard.Suppressed[SeriesActual], []int{8}; !slices.Equal(got, want) {
		t.Errorf("suppressed indices: got %v, want %v", got, want)
	}
	marks := o.series(t, SeriesActual).MarkLine.Data
	if len(marks) != 1 || marks[0].XAxis != "2013" || marks[0].Name != "Suppressed (small number)" {
		t.Errorf("suppressed mark: got %+v, want one markLine at 2013", marks)
	}
}

func TestProgressOptionMarks(t *testing.T) {
	p := anchorage()
	p.Marks = []Mark{
		{Year: 2011, Text: "Adjusted cohort graduation rate from 2011", Break: true},
		{Year: 2013, Text: "90% by 2020 report"},
	}
	o := mustProgress(t, p)
	got := o.series(t, SeriesActual).MarkLine.Data
	want := []struct{ name, x, line, label string }{
		{"Series break: Adjusted cohort graduation rate from 2011", "2011", "solid", "Series break"},
		{"90% by 2020 report", "2013", "dashed", "{b}"},
	}
	if len(got) != len(want) {
		t.Fatalf("marks: got %d, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		t.Run(w.x, func(t *testing.T) {
			g := got[i]
			if g.Name != w.name || g.XAxis != w.x || g.LineStyle.Type != w.line {
				t.Errorf("got %q at %q %s, want %q at %q %s", g.Name, g.XAxis, g.LineStyle.Type, w.name, w.x, w.line)
			}
			// A break's label is a fixed word of ours; an annotation's is
			// its name, never a template.
			if g.Label.Formatter != w.label {
				t.Errorf("label formatter: got %q, want %q", g.Label.Formatter, w.label)
			}
			if g.Label.Position != "end" {
				t.Errorf("label position: got %q, want end (horizontal, above the line)", g.Label.Position)
			}
			if ts := o.Impactboard.Marks[w.x]; !slices.Equal(ts, []string{w.name}) {
				t.Errorf("axis tooltip texts of %s: got %q, want %q", w.x, ts, w.name)
			}
		})
	}
}

// TestMarkLabelAlign: a label near the first year starts at its line (it
// would otherwise run over the value axis labels), one near the last year
// ends there (it would run out of the chart), others are centred.
func TestMarkLabelAlign(t *testing.T) {
	axis := yearAxis{first: 2005, last: 2020}
	tests := []struct {
		year int
		want string
	}{
		{2005, "left"}, {2009, "left"}, {2011, ""}, {2015, ""}, {2016, "right"}, {2020, "right"},
	}
	for _, tt := range tests {
		if got := markLabelAt(axis, tt.year, labelBreak, colorBlack).Align; got != tt.want {
			t.Errorf("%d: align %q, want %q", tt.year, got, tt.want)
		}
	}
	if got := markLabelAt(yearAxis{first: 2019, last: 2019}, 2019, labelBreak, colorBlack).Align; got != "" {
		t.Errorf("one year: align %q, want centred", got)
	}
}

func TestProgressOptionComparison(t *testing.T) {
	p := anchorage()
	// Alaska statewide four-year rate (NCES ACGR), shared data.
	p.Comparisons = []Line{{Name: "Alaska", Points: []Point{{2011, 68}, {2012, 70}, {2013, 72}, {2014, 71}, {2015, 76}, {2016, 76}}}}
	o := mustProgress(t, p)
	alaska := o.byYear(t, "Alaska")
	for year, w := range map[int]any{2010: nil, 2011: 68.0, 2014: 71.0, 2016: 76.0, 2017: nil} {
		if got := alaska[year]; got != w {
			t.Errorf("Alaska %d: got %v, want %v", year, got, w)
		}
	}
	s := o.series(t, "Alaska")
	if s.Color != colorGrey || s.LineStyle.Width != 1 {
		t.Errorf("Alaska look: got colour %q width %v, want %q width 1", s.Color, s.LineStyle.Width, colorGrey)
	}
	if got := o.Legend.Data; got[len(got)-1] != "Alaska" {
		t.Errorf("legend: got %q, want comparisons last", got)
	}
}

func TestProgressOptionStable(t *testing.T) {
	a, err := ProgressOption(anchorage())
	if err != nil {
		t.Fatal(err)
	}
	b, err := ProgressOption(anchorage())
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Errorf("the same input gave two options:\n%s\n%s", a, b)
	}
}

// mustProgress builds and decodes a progress option.
func mustProgress(t testing.TB, p Progress) option {
	t.Helper()
	b, err := ProgressOption(p)
	if err != nil {
		t.Fatalf("ProgressOption: %v", err)
	}
	return mustDecode(t, b)
}

func sameSet(a, b []string) bool {
	return equalStrings(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}
