package web_test

import (
	"reflect"
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
