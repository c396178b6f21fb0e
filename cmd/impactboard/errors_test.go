package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
)

func TestPrintError(t *testing.T) {
	many := make([]domain.FieldError, 25)
	for i := range many {
		many[i] = domain.FieldError{Place: fmt.Sprintf("m.csv:%d", i+2), Field: "indicator", Message: "unknown"}
	}
	tests := []struct {
		name string
		err  error
		want []string // lines, in order
	}{
		{"internal cause shown", fmt.Errorf("read seed/m.csv: %w", fs.ErrPermission),
			[]string{"impactboard: read seed/m.csv: permission denied"}},
		{"domain message", domain.Errorf(domain.ENOTFOUND, `partnership "x" not found`),
			[]string{`impactboard: partnership "x" not found`}},
		{"fields one per line", domain.Invalid("seed is invalid", many[:2]),
			[]string{"impactboard: seed is invalid:", "  m.csv:2: indicator: unknown", "  m.csv:3: indicator: unknown"}},
		{"fields capped", domain.Invalid("seed is invalid", many),
			append(append([]string{"impactboard: seed is invalid:"}, linesOf(many[:maxShownProblems])...), "  … and 5 more")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			printError(&b, tt.err)
			got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func linesOf(fields []domain.FieldError) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = "  " + f.String()
	}
	return out
}
