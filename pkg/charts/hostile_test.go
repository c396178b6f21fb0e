package charts

import (
	"bytes"
	"encoding/json"
	"html"
	"html/template"
	"maps"
	"slices"
	"strings"
	"testing"
)

// hostile strings that ran as code when go-echarts rendered HTML (see
// STACK.md): closing the inline script, breaking out of a JS string, and
// go-echarts' own function marker.
var hostile = []string{
	`</script><script>alert(1)</script>`,
	`"};alert(1);//`,
	`__f__alert(1)__f__`,
}

func TestHostileStringsStayStrings(t *testing.T) {
	for _, h := range hostile {
		t.Run(h, func(t *testing.T) {
			p := anchorage()
			p.Title = h
			p.TargetLabel = h
			p.Comparisons = []Line{{Name: h, Points: []Point{{2011, 68}}}}
			p.Marks = []Mark{{Year: 2013, Text: h}}
			b, err := ProgressOption(p)
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(b) {
				t.Fatalf("option is not valid JSON:\n%s", b)
			}
			o := mustDecode(t, b)
			if got := o.Title.Text; got != h {
				t.Errorf("title: got %q, want %q", got, h)
			}
			if got := o.series(t, h).Name; got != h {
				t.Errorf("series name: got %q, want %q", got, h)
			}
			if got := o.series(t, SeriesTarget).MarkLine.Data[0].Name; got != h {
				t.Errorf("target label: got %q, want %q", got, h)
			}
			if got := o.series(t, SeriesActual).MarkLine.Data[0].Name; got != h {
				t.Errorf("annotation: got %q, want %q", got, h)
			}
			checkNoCodePath(t, b, h)
		})
	}
}

// checkNoCodePath asserts h only ever appears as a whole JSON string
// value: no marker stripped ("__f__" gone with alert(1) left bare), no
// raw "<" that could close a script element.
func checkNoCodePath(t *testing.T, b []byte, h string) {
	t.Helper()
	var raw any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	for _, s := range strs(raw) {
		if strings.Contains(s, "alert(1)") && !strings.Contains(s, h) {
			t.Errorf("a string holds alert(1) without the rest of %q: %q", h, s)
		}
	}
	if strings.Contains(h, "__f__") && !bytes.Contains(b, []byte(h)) {
		t.Errorf("the marker string %q is not in the JSON verbatim", h)
	}
	if bytes.ContainsAny(b, "<>") {
		t.Errorf("raw < or > in the JSON; want \\u003c and \\u003e")
	}
}

// TestOptionInAttribute follows the page's path: html/template escapes
// the JSON into data-echarts-option, and the browser's attribute decoding
// gives back exactly the JSON.
func TestOptionInAttribute(t *testing.T) {
	p := anchorage()
	p.Title = strings.Join(hostile, " ")
	b, err := ProgressOption(p)
	if err != nil {
		t.Fatal(err)
	}
	tpl := template.Must(template.New("").Parse(`<div data-echarts-option="{{.}}"></div>`))
	var out bytes.Buffer
	if err := tpl.Execute(&out, string(b)); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	if strings.Contains(page, "<script") {
		t.Errorf("page holds a script tag: %s", page)
	}
	attr := strings.TrimSuffix(strings.TrimPrefix(page, `<div data-echarts-option="`), `"></div>`)
	if strings.ContainsRune(attr, '"') {
		t.Errorf("attribute value holds a raw quote: %s", attr)
	}
	if got := html.UnescapeString(attr); got != string(b) {
		t.Errorf("attribute decodes to\n%s\nwant\n%s", got, b)
	}
}

func TestNoURLs(t *testing.T) {
	options := map[string]func() ([]byte, error){
		"progress": func() ([]byte, error) { return ProgressOption(anchorage()) },
		"subgroup": func() ([]byte, error) { return SubgroupOption(raceGroups()) },
		"bars":     func() ([]byte, error) { return LatestBarsOption(raceGroups()) },
		"gap":      func() ([]byte, error) { return GapOption(nativeGap()) },
		"spark":    func() ([]byte, error) { return SparkOption(graduationSpark()) },
	}
	for _, name := range slices.Sorted(maps.Keys(options)) {
		t.Run(name, func(t *testing.T) {
			b, err := options[name]()
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(bytes.ToLower(b), []byte("http")) || bytes.Contains(b, []byte("//")) {
				t.Errorf("option holds a URL:\n%s", b)
			}
		})
	}
}
