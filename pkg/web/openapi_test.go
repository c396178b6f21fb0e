package web_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

// TestOpenAPISecurity: the served document declares both ways to sign
// in, the cookie under the name the server really uses, and lets every
// operation be called with either or with none (public reads).
func TestOpenAPISecurity(t *testing.T) {
	a := newApp(t)
	var doc struct {
		Security   []map[string][]string `json:"security"`
		Components struct {
			SecuritySchemes map[string]map[string]string `json:"securitySchemes"`
		} `json:"components"`
	}
	a.getJSON("/api/v1/openapi.json", 200, &doc)
	schemes := doc.Components.SecuritySchemes
	tests := []struct {
		scheme string
		want   map[string]string
	}{
		{"bearerAuth", map[string]string{"type": "http", "scheme": "bearer"}},
		{"cookieAuth", map[string]string{"type": "apiKey", "in": "cookie", "name": "ib_session"}},
	}
	for _, tt := range tests {
		got := schemes[tt.scheme]
		delete(got, "description")
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("securitySchemes.%s = %v, want %v", tt.scheme, got, tt.want)
		}
	}
	want := []map[string][]string{{"bearerAuth": {}}, {"cookieAuth": {}}, {}}
	if !reflect.DeepEqual(doc.Security, want) {
		t.Errorf("security = %v, want %v", doc.Security, want)
	}
	c, _ := a.signIn("reader@example.org", anchorage, domain.RoleViewer, "")
	if c.cookie(schemes["cookieAuth"]["name"]) == "" {
		t.Errorf("signing in set no cookie named %q", schemes["cookieAuth"]["name"])
	}
}

// apiQueryParams is what each API operation reads from the query string,
// as the OpenAPI document must declare it. An operation not listed reads
// nothing. TestOpenAPIQueryParams holds the document to this table and
// the source to it, so a handler reading a new parameter fails until the
// parameter is added here and documented.
var apiQueryParams = map[string][]string{
	"GET /api/v1/partnerships/{partnership}/indicators/{indicator}":         {"pending"},
	"GET /api/v1/partnerships/{partnership}/indicators/{indicator}/history": {"dimension", "group", "year"},
	"DELETE /api/v1/partnerships/{partnership}/indicators/{indicator}":      {"with_data"},
	"GET /api/v1/snapshots/{snapshot}":                                      {"format"},
	"POST /api/v1/partnerships/{partnership}/imports":                       {"dry_run", "expect"},
	"GET /api/v1/partnerships/{partnership}/export":                         {"format"},
}

// queryParamsNotInAPI are read from the query string by pages only, or by
// API routes where they change nothing (so documenting them would mislead).
var queryParamsNotInAPI = map[string]string{
	"v":    "asset cache-busting hash (static files)",
	"next": "the sign-in page's return address",
	// With "dimension" (documented for the history API), it picks one
	// chart's data from an indicator page's data.csv.
	"chart": "the chart of an indicator page whose data.csv is downloaded",
}

// TestOpenAPIQueryParams: every query parameter a handler reads is
// documented on the operations that honour it, and nothing else is.
func TestOpenAPIQueryParams(t *testing.T) {
	a := newApp(t)
	var doc openAPIParamsDoc
	a.getJSON("/api/v1/openapi.json", 200, &doc)
	for path, item := range doc.Paths {
		for method, op := range item {
			if method == "parameters" {
				continue
			}
			key := strings.ToUpper(method) + " " + path
			got := doc.queryParams(t, item["parameters"], op)
			if want := apiQueryParams[key]; !slices.Equal(got, want) {
				t.Errorf("%s declares query parameters %v, want %v", key, got, want)
			}
		}
	}
	documented := map[string]bool{}
	for _, names := range apiQueryParams {
		for _, n := range names {
			documented[n] = true
		}
	}
	for name, where := range sourceQueryParams(t) {
		if !documented[name] && queryParamsNotInAPI[name] == "" {
			t.Errorf("%s reads query parameter %q, which is neither in apiQueryParams (and the OpenAPI document) nor in queryParamsNotInAPI", where, name)
		}
	}
}

type openAPIParamsDoc struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Parameters map[string]openAPIParam `json:"parameters"`
	} `json:"components"`
}

type openAPIParam struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

// queryParams lists, sorted, the query parameters of an operation and of
// its path item, resolving references to components.
func (d openAPIParamsDoc) queryParams(t *testing.T, pathLevel, op json.RawMessage) []string {
	t.Helper()
	var ps []openAPIParam
	for _, raw := range []json.RawMessage{pathLevel, op} {
		if raw == nil {
			continue
		}
		var list []openAPIParam
		if raw[0] == '{' {
			var o struct {
				Parameters []openAPIParam `json:"parameters"`
			}
			if err := json.Unmarshal(raw, &o); err != nil {
				t.Fatal(err)
			}
			list = o.Parameters
		} else if err := json.Unmarshal(raw, &list); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, list...)
	}
	var out []string
	for _, p := range ps {
		if p.Ref != "" {
			p = d.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
		}
		if p.In == "query" {
			out = append(out, p.Name)
		}
	}
	slices.Sort(out)
	return out
}

// sourceQueryParams finds every QueryParam("name") call in the package's
// source, by name, with where it is.
func sourceQueryParams(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, isSel := call.Fun.(*ast.SelectorExpr); isSel && sel.Sel.Name == "QueryParam" && len(call.Args) == 1 {
				if lit, isLit := call.Args[0].(*ast.BasicLit); isLit && lit.Kind == token.STRING {
					out[strings.Trim(lit.Value, "\"`")] = fset.Position(call.Pos()).String()
				}
			}
			return true
		})
	}
	if len(out) == 0 {
		t.Fatal("found no QueryParam calls: the scan is broken")
	}
	return out
}
