package web

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

func TestDecodeJSON(t *testing.T) {
	type body struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
	}
	tests := []struct {
		name, in string
		want     string // substring of the error; "" = decoded
	}{
		{"object", `{"name":"a","count":2}`, ""},
		{"empty object", `{}`, ""},
		{"unknown field", `{"name":"a","colour":"red"}`, `unknown field "colour"`},
		{"repeated key", `{"count":10,"count":0}`, "count is given twice"},
		{"two values", `{"name":"a"} {"name":"b"}`, "more than one JSON value"},
		{"trailing garbage", `{"name":"a"}x`, "more than one JSON value"},
		{"null", `null`, "must be a JSON object"},
		{"array", `[{"name":"a"}]`, "must be a JSON object"},
		{"empty", ``, "must be a JSON object"},
		{"wrong type", `{"count":"2"}`, "cannot unmarshal"},
		{"cut short", `{"name":"a"`, "not a valid thing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v body
			present, err := decodeJSON(jsonContext(tt.in), &v, "thing")
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("decodeJSON(%s) = %v, want no error", tt.in, err)
			case tt.want == "":
				if strings.Contains(tt.in, "name") && (!present["name"] || v.Name != "a") {
					t.Errorf("decoded %+v, keys %v; want name a present", v, present)
				}
			case domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), tt.want):
				t.Errorf("decodeJSON(%s) = %v, want an invalid error mentioning %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestDecodeJSONTooLarge(t *testing.T) {
	in := `{"name":"` + strings.Repeat("a", maxJSONBody) + `"}`
	_, err := decodeJSON(jsonContext(in), &struct{ Name string }{}, "thing")
	var he *echo.HTTPError
	if !errors.As(err, &he) || he.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("decodeJSON of %d bytes = %v, want 413", len(in), err)
	}
}

func jsonContext(body string) echo.Context {
	req := httptest.NewRequest(http.MethodPost, "/api/v1/x", strings.NewReader(body))
	return echo.New().NewContext(req, httptest.NewRecorder())
}
