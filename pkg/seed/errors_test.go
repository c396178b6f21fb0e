package seed

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/impactboard/impactboard/pkg/domain"
)

// A small valid partnership; each error case changes one thing in it.
const (
	fixtureYAML = `partnership:
  slug: demo
  name: Demo
  backbone: backbone-org
partners:
  - slug: backbone-org
    name: Backbone
    sector: nonprofit
    contributes: [rate]
goals:
  - slug: graduation
    title: Students graduate
indicators:
  - slug: rate
    goal: graduation
    name: Graduation rate
    unit: percent
    decimals: 1
    direction: higher
    baseline: {year: 2015, value: 70}
    target: {year: 2025, value: 90}
    kind: core
`
	fixtureHeader = "indicator,year,dimension,group,value,numerator,denominator,note,source\n"
	fixtureCSV    = fixtureHeader +
		"rate,2019,,,84,,,,https://example.org/a\n" +
		"rate,2020,District,North,80.5,161,200,a note,https://example.org/b\n"
	fixtureComparisons = "indicator,geography,dimension,group,year,value,note,source\n" +
		"rate,State,,,2019,79,,https://example.org/c\n"
)

// fixture returns the demo folder with the given files replaced; an empty
// content removes the file.
func fixture(files map[string]string) fstest.MapFS {
	all := map[string]string{PartnershipFile: fixtureYAML, MeasurementsFile: fixtureCSV, ComparisonsFile: fixtureComparisons}
	for name, content := range files {
		all[name] = content
	}
	fsys := fstest.MapFS{}
	for name, content := range all {
		if content != "" {
			fsys["demo/"+name] = &fstest.MapFile{Data: []byte(content)}
		}
	}
	return fsys
}

// lineOf returns the 1-based line of the first line of text containing s.
func lineOf(tb testing.TB, text, s string) int {
	tb.Helper()
	for i, line := range strings.Split(text, "\n") {
		if strings.Contains(line, s) {
			return i + 1
		}
	}
	tb.Fatalf("%q not in fixture", s)
	return 0
}

func TestLoadDirFixture(t *testing.T) {
	b, err := LoadDir(fixture(nil), "demo")
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if got, want := len(b.Measurements), 2; got != want {
		t.Fatalf("measurements = %d, want %d", got, want)
	}
	m := b.Measurements[1]
	if m.Dimension != "District" || m.Group != "North" || m.Value != 80.5 || *m.Numerator != 161 || *m.Denominator != 200 || m.Note != "a note" {
		t.Errorf("measurement 2 = %+v", m)
	}
	ind := b.Indicators[0]
	if ind.Method != domain.MethodLinear || ind.Position != 1 || b.Partnership.SuppressionThreshold != domain.DefaultSuppressionThreshold {
		t.Errorf("defaults: method %q, position %d, threshold %d", ind.Method, ind.Position, b.Partnership.SuppressionThreshold)
	}
	if got, want := len(b.Comparisons), 1; got != want {
		t.Errorf("comparisons = %d, want %d", got, want)
	}
}

func TestLoadDirAcceptsBOMAndNoComparisons(t *testing.T) {
	fsys := fixture(map[string]string{MeasurementsFile: "\uFEFF" + fixtureCSV, ComparisonsFile: ""})
	b, err := LoadDir(fsys, "demo")
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if got, want := b.Measurements[0].Indicator, "rate"; got != want {
		t.Errorf("indicator = %q, want %q", got, want)
	}
}

func TestLoadDirErrors(t *testing.T) {
	row := func(value string) string {
		return fixtureHeader + "rate,2019,,," + value + ",,,,https://example.org/a\n"
	}
	yamlWith := func(old, new string) string { return strings.Replace(fixtureYAML, old, new, 1) }
	tests := []struct {
		name  string
		files map[string]string
		file  string // file the message must name
		at    string // text of the line the message must name
		want  string
	}{
		{"N/A value", map[string]string{MeasurementsFile: row("N/A")}, MeasurementsFile, "N/A", `column value: "N/A" is not a number`},
		{"NaN value", map[string]string{MeasurementsFile: row("NaN")}, MeasurementsFile, "NaN", `column value: "NaN" is not a number`},
		{"huge value", map[string]string{MeasurementsFile: row("1e309")}, MeasurementsFile, "1e309", `column value: "1e309" is not a number`},
		{"empty value", map[string]string{MeasurementsFile: row("")}, MeasurementsFile, "rate,2019", `column value: a number is required`},
		{"percent over 100", map[string]string{MeasurementsFile: row("120")}, MeasurementsFile, "120", `column value: 120% is outside 0..100`},
		{"fractional year", map[string]string{MeasurementsFile: fixtureHeader + "rate,2019.5,,,84,,,,\n"}, MeasurementsFile, "2019.5", `column year: "2019.5" is not a year`},
		{"unknown indicator", map[string]string{MeasurementsFile: fixtureCSV + "nope,2021,,,50,,,,\n"}, MeasurementsFile, "nope", `column indicator: unknown indicator "nope"`},
		{"duplicate row", map[string]string{MeasurementsFile: fixtureCSV + "rate,2019,,,85,,,,\n"}, MeasurementsFile, "rate,2019,,,85", `column year: duplicate`},
		{"missing column", map[string]string{MeasurementsFile: strings.Replace(fixtureCSV, ",note,", ",", 1)}, MeasurementsFile, "indicator,year", `column "note": is missing from the header`},
		{"unknown column", map[string]string{MeasurementsFile: strings.Replace(fixtureCSV, "source\n", "source,colour\n", 1)}, MeasurementsFile, "indicator,year", `column "colour": is not a known column`},
		{"short row", map[string]string{MeasurementsFile: fixtureCSV + "rate,2021,,,50\n"}, MeasurementsFile, "rate,2021", `row: has 5 cells but the header has 9 columns`},
		{"comparison without geography", map[string]string{ComparisonsFile: strings.Replace(fixtureComparisons, "State", "", 1)}, ComparisonsFile, "rate,,", `column geography: is required`},
		{"unknown yaml field", map[string]string{PartnershipFile: yamlWith("    kind: core\n", "    kind: core\n    colour: blue\n")}, PartnershipFile, "colour", `colour: is not a known indicator field`},
		{"missing direction", map[string]string{PartnershipFile: yamlWith("    direction: higher\n", "")}, PartnershipFile, "- slug: rate", `indicator "rate": direction is required`},
		{"bad direction", map[string]string{PartnershipFile: yamlWith("direction: higher", "direction: up")}, PartnershipFile, "direction: up", `indicator "rate": direction: "up" must be higher or lower`},
		{"bad website", map[string]string{PartnershipFile: yamlWith("name: Backbone", "name: Backbone\n    website: ftp://x")}, PartnershipFile, "website", `partner "backbone-org": website: "ftp://x" is not an http(s) address`},
		{"bad indicator slug", map[string]string{PartnershipFile: yamlWith("- slug: rate", "- slug: Grad_Rate")}, PartnershipFile, "Grad_Rate", `indicator "Grad_Rate": slug: "Grad_Rate" is not a valid slug`},
		{"duplicate goal", map[string]string{PartnershipFile: yamlWith("indicators:", "  - {slug: graduation, title: Again}\nindicators:")}, PartnershipFile, "title: Again", `goal "graduation": slug is used twice`},
		{"unknown backbone", map[string]string{PartnershipFile: yamlWith("backbone: backbone-org", "backbone: nobody")}, PartnershipFile, "backbone: nobody", `partnership: backbone: unknown partner "nobody"`},
		{"bad target year", map[string]string{PartnershipFile: yamlWith("target: {year: 2025", "target: {year: 2010")}, PartnershipFile, "target:", `indicator "rate": target.year: target year 2010 must be after`},
		{"text for a number", map[string]string{PartnershipFile: yamlWith("decimals: 1", "decimals: one")}, PartnershipFile, "decimals: one", `decimals: "one" is not a whole number`},
		{"fractional yaml year", map[string]string{PartnershipFile: yamlWith("{year: 2015,", "{year: 2015.5,")}, PartnershipFile, "2015.5", `baseline: "2015.5" is not a whole number`},
		{"nan in yaml", map[string]string{PartnershipFile: yamlWith("value: 90}", "value: .nan}")}, PartnershipFile, ".nan", `target: ".nan" is not a number`},
		{"list for text", map[string]string{PartnershipFile: yamlWith("name: Graduation rate", "name: [a, b]")}, PartnershipFile, "name: [a", `name: expected text, found a list`},
		{"yaml syntax", map[string]string{PartnershipFile: yamlWith("name: Demo", "name: Demo\n  bad: : x")}, PartnershipFile, "bad: : x", `yaml: `},
		{"folder mismatch", map[string]string{PartnershipFile: yamlWith("slug: demo", "slug: other")}, PartnershipFile, "slug: other", `partnership: slug "other" must be the folder's name "demo"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(tt.files)
			b, err := LoadDir(fsys, "demo")
			if b != nil || err == nil {
				t.Fatalf("LoadDir = %v, %v; want nil and an error", b, err)
			}
			if got := domain.ErrorCode(err); got != domain.EINVALID {
				t.Errorf("code = %q, want %q", got, domain.EINVALID)
			}
			content := string(fsys["demo/"+tt.file].Data)
			want := fmt.Sprintf("demo/%s:%d: %s", tt.file, lineOf(t, content, tt.at), tt.want)
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, want)
			}
		})
	}
}

// failingFS refuses to open one file, as a file without read permission
// is. It has only Open, so fs.ReadFile and fs.Stat go through it.
type failingFS struct {
	fsys fs.FS
	name string
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.fsys.Open(name)
}

func TestLoadDirFileErrors(t *testing.T) {
	tests := []struct {
		name string
		fsys fs.FS
		want string
		is   error
	}{
		{"missing measurements", fixture(map[string]string{MeasurementsFile: ""}), "demo/measurements.csv: file not found", nil},
		{"missing partnership", fixture(map[string]string{PartnershipFile: ""}), "demo/partnership.yaml: file not found", nil},
		{"unreadable", failingFS{fixture(nil), "demo/measurements.csv"}, "read demo/measurements.csv: permission denied", fs.ErrPermission},
		{"unreadable comparisons", failingFS{fixture(nil), "demo/comparisons.csv"}, "read demo/comparisons.csv: permission denied", fs.ErrPermission},
		{"empty csv", fixture(map[string]string{MeasurementsFile: "\n"}), "demo/measurements.csv: header: the file is empty", nil},
		{"empty yaml", fixture(map[string]string{PartnershipFile: "# nothing\n"}), "demo/partnership.yaml: yaml: the file is empty", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := LoadDir(tt.fsys, "demo")
			if b != nil || err == nil {
				t.Fatalf("LoadDir = %v, %v; want nil and an error", b, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
		})
	}
}

func TestLoadSortsAndSkips(t *testing.T) {
	fsys := fstest.MapFS{"README.md": &fstest.MapFile{Data: []byte("notes")}, "notes/x.txt": &fstest.MapFile{}}
	for _, slug := range []string{"zeta", "alpha"} {
		for name, f := range fixture(map[string]string{PartnershipFile: strings.Replace(fixtureYAML, "slug: demo", "slug: "+slug, 1)}) {
			fsys[strings.Replace(name, "demo/", slug+"/", 1)] = f
		}
	}
	bundles, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	var got []string
	for _, b := range bundles {
		got = append(got, b.Partnership.Slug)
	}
	if want := "alpha,zeta"; strings.Join(got, ",") != want {
		t.Errorf("slugs = %v, want %s", got, want)
	}
}

func TestLoadReturnsNothingOnError(t *testing.T) {
	fsys := fixture(map[string]string{MeasurementsFile: fixtureHeader + "rate,2019,,,N/A,,,,\n"})
	fsys["other/partnership.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(fixtureYAML, "slug: demo", "slug: other", 1))}
	fsys["other/measurements.csv"] = &fstest.MapFile{Data: []byte(fixtureCSV)}
	bundles, err := Load(fsys)
	if bundles != nil || err == nil {
		t.Fatalf("Load = %v, %v; want nil and an error", bundles, err)
	}
}
