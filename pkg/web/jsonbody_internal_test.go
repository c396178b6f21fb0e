package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
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
		{"wrong case", `{"Name":"a"}`, `unknown field "Name" (did you mean "name"?`},
		{"right and wrong case", `{"name":"a","NAME":"b"}`, `unknown field "NAME"`},
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

// TestDecodeJSONNested: the strict rules hold inside arrays and nested
// objects of the real request types, and messages say where.
func TestDecodeJSONNested(t *testing.T) {
	type inner struct {
		When  time.Time      `json:"when"`
		Extra map[string]any `json:"extra"`
	}
	type outer struct {
		store.MeasurementKey
		Inner *inner          `json:"inner"`
		Raw   json.RawMessage `json:"raw"`
		//lint:ignore U1000 present so the test shows the decoder never fills an unexported field
		hidden int
		Skip   string `json:"-"`
	}
	tests := []struct {
		name string
		v    any
		in   string
		want string // substring of the error; "" = decoded
	}{
		{"measurements", &apiFiguresRequest{}, `{"measurements":[{"year":2023,"value":80,"note":"n"}]}`, ""},
		{"value twice in case", &apiFiguresRequest{}, `{"measurements":[{"year":2023,"value":80,"Value":10}]}`,
			`measurements[0]: unknown field "Value" (did you mean "value"?`},
		{"only wrong case", &apiFiguresRequest{}, `{"measurements":[{"year":2023,"value":1},{"YEAR":2023,"value":80}]}`, `measurements[1]: unknown field "YEAR"`},
		{"repeated inside", &apiFiguresRequest{}, `{"measurements":[{"year":2023,"value":80,"value":10}]}`, "measurements[0]: the field value is given twice"},
		{"unknown inside", &apiFiguresRequest{}, `{"measurements":[{"year":2023,"value":80,"colour":"red"}]}`, `measurements[0]: unknown field "colour"`},
		{"number as string", &apiFiguresRequest{}, `{"measurements":[{"year":2023,"value":"80"}]}`, ""},
		{"out of range number", &apiFiguresRequest{}, `{"measurements":[{"year":2023,"value":1e309}]}`, ""},
		{"embedded fields", &apiFigureStatusRequest{}, `{"items":[{"year":2022,"dimension":"d","group":"g","value":3,"entered_at":"2024-01-02T03:04:05Z"}]}`, ""},
		{"embedded wrong case", &apiFigureStatusRequest{}, `{"items":[{"Year":2022,"value":3}]}`, `items[0]: unknown field "Year"`},
		{"struct in struct", &outer{}, `{"year":1,"inner":{"when":"2024-01-02T03:04:05Z","extra":{"a":{"b":1}}},"raw":{"x":1}}`, ""},
		{"deep wrong case", &outer{}, `{"inner":{"When":"2024-01-02T03:04:05Z"}}`, `inner: unknown field "When"`},
		{"map keys free, not repeated", &outer{}, `{"inner":{"extra":{"a":1,"A":2,"b":{"c":1,"c":2}}}}`, "inner.extra.b: the field c is given twice"},
		{"repeated in raw", &outer{}, `{"raw":{"x":1,"x":2}}`, "raw: the field x is given twice"},
		{"unexported", &outer{}, `{"hidden":1}`, `unknown field "hidden"`},
		{"dash tag", &outer{}, `{"Skip":"a"}`, `unknown field "Skip"`},
		{"array of objects", &apiFiguresRequest{}, `{"measurements":[{"year":1,"value":1},{"year":2,"value":2,"year":3}]}`, "measurements[1]: the field year is given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeJSON(jsonContext(tt.in), tt.v, "thing")
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("decodeJSON(%s) = %v, want no error", tt.in, err)
			case tt.want != "" && (domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), tt.want)):
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
