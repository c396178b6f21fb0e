package dashboard

import (
	"reflect"
	"testing"
	"testing/fstest"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

const headlineOnly = "title: T\naudience: public\npanels:\n  - type: headline\n"

func valid(title string) *fstest.MapFile {
	return file("title: " + title + "\naudience: public\npanels:\n  - type: headline\n")
}

func TestLoadAll(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md":                     file("# Dashboards"),
		"p1/README.md":                  file("notes"),
		"p1/b.yaml":                     valid("Bravo"),
		"p1/a.yml":                      valid("Alpha"),
		"p2/board-summary.yaml":         valid("Board"),
		".git/config":                   file("x"),
		"p1/.graduation.yaml.swp":       file("x"),
		"empty-partnership/.gitkeep":    file(""),
		"empty-partnership/README.md":   file(""),
		"p3/2024-annual-report-1.yaml":  valid("Annual"),
		"p3/graduation-4yr-by-race.yml": valid("By race"),
	}
	ds, err := LoadAll(fsys)
	if err != nil {
		t.Fatalf("LoadAll: %v", err)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.Partnership+"/"+d.Slug+" "+d.Title)
	}
	want := []string{"p1/a Alpha", "p1/b Bravo", "p2/board-summary Board", "p3/2024-annual-report-1 Annual", "p3/graduation-4yr-by-race By race"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLoadAllEmpty(t *testing.T) {
	ds, err := LoadAll(fstest.MapFS{"README.md": file("")})
	if err != nil || len(ds) != 0 {
		t.Errorf("got %v, %v; want no dashboards and no error", ds, err)
	}
}

func TestLoadAllErrors(t *testing.T) {
	tests := []struct {
		name, path, data, fileLine, want string
	}{
		{"bad file name", "p/Graduation Rate.yaml", headlineOnly, "p/Graduation Rate.yaml:1", `file name "Graduation Rate.yaml" is not a valid dashboard slug`},
		{"underscore in file name", "p/board_summary.yaml", headlineOnly, "p/board_summary.yaml:1", "is not a valid dashboard slug"},
		{"wrong extension", "p/graduation.yaml.txt", headlineOnly, "p/graduation.yaml.txt:1", "not a dashboard file: dashboard files end in .yaml"},
		{"typo in extension", "p/graduation.ymal", headlineOnly, "p/graduation.ymal:1", "not a dashboard file"},
		{"upper-case extension", "p/graduation.YAML", headlineOnly, "p/graduation.YAML:1", "not a dashboard file"},
		{"file outside a partnership folder", "graduation.yaml", headlineOnly, "graduation.yaml:1", "dashboard files go directly in a folder named after the partnership"},
		{"file in a sub-folder", "p/old/graduation.yaml", headlineOnly, "p/old/graduation.yaml:1", "dashboard files go directly in a folder named after the partnership"},
		{"content error", "p/graduation.yaml", "title: T\naudience: nobody\npanels:\n  - type: headline\n", "p/graduation.yaml:2", `audience "nobody"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := LoadAll(fstest.MapFS{tt.path: file(tt.data), "p/ok.yaml": valid("OK")})
			if ds != nil {
				t.Errorf("got %d dashboards, want none with an error", len(ds))
			}
			wantProblem(t, problemTexts(t, err), tt.fileLine, tt.want)
		})
	}
}

func TestLoadAllDuplicateSlug(t *testing.T) {
	_, err := LoadAll(fstest.MapFS{"p/graduation.yaml": valid("A"), "p/graduation.yml": valid("B")})
	wantProblem(t, problemTexts(t, err), "p/graduation.yml:1", `dashboard "graduation" is defined twice (also in p/graduation.yaml)`)
}

func TestLoadAllCollectsEveryError(t *testing.T) {
	fsys := fstest.MapFS{
		"a/one.yaml":  file("title: One\naudience: public\npanels: []\n"),
		"a/two.yaml":  file("title: Two\naudience: public\npanels:\n  - type: progress\n    goal: graduation\n"),
		"b/Three.yml": file("title: [\n"),
		"b/four.json": file("{}"),
		"b/five.yaml": valid("Five"),
	}
	_, err := LoadAll(fsys)
	got := problemTexts(t, err)
	want := []string{
		"a/one.yaml:3: panels is empty: a dashboard needs at least one panel",
		"a/two.yaml:4: panel 1: indicator is required for a progress panel",
		"a/two.yaml:5: panel 1: goal is not used by a progress panel (it takes indicator, title and note)",
		"b/Three.yml:1: file name \"Three.yml\" is not a valid dashboard slug: use lowercase letters, digits and single hyphens (e.g. board-summary.yaml), as it becomes the page address",
		"b/Three.yml:1: YAML syntax error: did not find expected node content",
		"b/four.json:1: not a dashboard file: dashboard files end in .yaml (or .yml), and only README.md may sit beside them",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q,\nwant %q", got, want)
	}
}
