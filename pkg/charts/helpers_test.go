package charts

import (
	"encoding/json"
	"slices"
	"strconv"
	"testing"
)

// option is the part of an ECharts option the tests read back.
type option struct {
	Animation *bool
	Color     []string
	Title     struct {
		Text, Subtext string
		Show          *bool
		TextStyle     struct{ Overflow string }
	}
	Legend struct {
		Show *bool
		Data []string
	}
	Tooltip struct {
		Trigger    string
		Confine    bool
		RenderMode string
	}
	XAxis       []axis
	YAxis       []axis
	Series      []series
	Impactboard format
}

type axis struct {
	Type      string
	Data      []string
	Show      *bool
	Scale     *bool
	Inverse   *bool
	AxisLabel struct {
		Formatter   string
		Overflow    string
		HideOverlap bool
	}
}

type series struct {
	Name, Type   string
	Data         []any
	ConnectNulls *bool
	Symbol       string
	Color        string
	LineStyle    struct {
		Type  string
		Width float64
		Color string
	}
	MarkLine struct {
		Data []markLine
	}
}

type markLine struct {
	Name      string
	XAxis     string
	YAxis     *float64
	Label     struct{ Formatter, Position, Align string }
	LineStyle struct{ Type string }
}

func mustDecode(t testing.TB, b []byte) option {
	t.Helper()
	var o option
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatalf("decode option: %v\n%s", err, b)
	}
	return o
}

func (o option) names() []string {
	var ns []string
	for _, s := range o.Series {
		ns = append(ns, s.Name)
	}
	return ns
}

func (o option) series(t testing.TB, name string) series {
	t.Helper()
	for _, s := range o.Series {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no series %q in %q", name, o.names())
	return series{}
}

// byYear reads a line series laid out on the year axis: year -> value, nil
// for null.
func (o option) byYear(t testing.TB, name string) map[int]any {
	t.Helper()
	s := o.series(t, name)
	years := o.XAxis[0].Data
	if len(s.Data) != len(years) {
		t.Fatalf("series %q: got %d values for %d years", name, len(s.Data), len(years))
	}
	m := make(map[int]any, len(years))
	for i, y := range years {
		year, err := strconv.Atoi(y)
		if err != nil {
			t.Fatalf("x axis category %q is not a year", y)
		}
		m[year] = s.Data[i]
	}
	return m
}

// scatterValues reads a scatter series' [year, value] items.
func (o option) scatterValues(t testing.TB, name string) [][2]any {
	t.Helper()
	var vs [][2]any
	for _, d := range o.series(t, name).Data {
		item, ok := d.(map[string]any)
		v, ok2 := item["value"].([]any)
		if !ok || !ok2 || len(v) != 2 {
			t.Fatalf("series %q: item %v is not {value: [year, value]}", name, d)
		}
		vs = append(vs, [2]any{v[0], v[1]})
	}
	return vs
}

func years(first, last int) []string {
	var ys []string
	for y := first; y <= last; y++ {
		ys = append(ys, strconv.Itoa(y))
	}
	return ys
}

func equalStrings(got, want []string) bool { return slices.Equal(got, want) }

// numbers collects every number anywhere in a decoded JSON value.
func numbers(v any) []float64 {
	switch x := v.(type) {
	case float64:
		return []float64{x}
	case []any:
		var ns []float64
		for _, e := range x {
			ns = append(ns, numbers(e)...)
		}
		return ns
	case map[string]any:
		var ns []float64
		for _, e := range x {
			ns = append(ns, numbers(e)...)
		}
		return ns
	}
	return nil
}

// strs collects every string anywhere in a decoded JSON value.
func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var ss []string
		for _, e := range x {
			ss = append(ss, strs(e)...)
		}
		return ss
	case map[string]any:
		var ss []string
		for _, e := range x {
			ss = append(ss, strs(e)...)
		}
		return ss
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
