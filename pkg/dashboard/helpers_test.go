package dashboard

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

// problemTexts returns each "FILE:LINE: problem" of an EINVALID error.
func problemTexts(t testing.TB, err error) []string {
	t.Helper()
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.EINVALID {
		t.Fatalf("got error %v (%T), want an EINVALID *domain.Error", err, err)
	}
	out := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		out[i] = f.String()
	}
	return out
}

// wantProblem fails unless one problem starts with "FILE:LINE: " and
// contains want.
func wantProblem(t testing.TB, got []string, fileLine, want string) {
	t.Helper()
	if !slices.ContainsFunc(got, func(s string) bool {
		return strings.HasPrefix(s, fileLine+": ") && strings.Contains(s, want)
	}) {
		t.Errorf("got problems %q, want one at %s containing %q", got, fileLine, want)
	}
}
