package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// formReader reads typed values from a posted form. A value that does not
// parse is a problem of its field, named by place like the domain's own.
type formReader struct {
	v     url.Values
	place string
	errs  []domain.FieldError
}

func (r *formReader) fail(name, format string, args ...any) {
	r.errs = append(r.errs, domain.FieldError{Place: r.place, Field: name, Message: fmt.Sprintf(format, args...)})
}

func (r *formReader) text(name string) string { return strings.TrimSpace(r.v.Get(name)) }

// list reads the ticked boxes of name, each once.
func (r *formReader) list(name string) []string {
	var out []string
	for _, s := range r.v[name] {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// whole reads a whole number; empty is 0 unless required.
func (r *formReader) whole(name string, required bool) int {
	s := r.text(name)
	if s == "" {
		if required {
			r.fail(name, "is required")
		}
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		r.fail(name, "%q is not a whole number", s)
	}
	return n
}

func (r *formReader) year(name, s string) (int, bool) {
	if s == "" {
		r.fail(name, "a year is required")
		return 0, false
	}
	y, err := strconv.Atoi(s)
	if err != nil {
		r.fail(name, "%q is not a year (write it like 2020)", s)
		return 0, false
	}
	return y, true
}

// yearValue reads <name>_year and <name>_value, which go together.
func (r *formReader) yearValue(name string) *domain.YearValue {
	ys, vs := r.text(name+"_year"), r.text(name+"_value")
	if ys == "" && vs == "" {
		return nil
	}
	y, ok := r.year(name+"_year", ys)
	v, err := domain.ParseNumber(vs)
	if err != nil {
		r.fail(name+"_value", "%s", err)
	}
	if !ok || err != nil {
		return nil
	}
	return &domain.YearValue{Year: y, Value: v}
}

// lines calls fn with the line number, the part before the first colon
// and the rest of every non-blank line of a text area.
func (r *formReader) lines(name, example string, fn func(n int, head, rest string)) {
	for i, line := range strings.Split(r.v.Get(name), "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		head, rest, ok := strings.Cut(line, ":")
		if !ok {
			r.fail(name, "line %d: write it as %q", i+1, example)
			continue
		}
		fn(i+1, strings.TrimSpace(head), strings.TrimSpace(rest))
	}
}

// yearValues reads "year: value" lines.
func (r *formReader) yearValues(name string) []domain.YearValue {
	var out []domain.YearValue
	r.lines(name, "2018: 80", func(n int, head, rest string) {
		y, err := strconv.Atoi(head)
		if err != nil {
			r.fail(name, "line %d: %q is not a year", n, head)
			return
		}
		v, err := domain.ParseNumber(rest)
		if err != nil {
			r.fail(name, "line %d: %s", n, err)
			return
		}
		out = append(out, domain.YearValue{Year: y, Value: v})
	})
	return out
}

// annotations reads "year: text" lines; "year break: text" marks a break
// in the series.
func (r *formReader) annotations(name string) []domain.Annotation {
	var out []domain.Annotation
	r.lines(name, "2014 break: the state changed its method", func(n int, head, rest string) {
		words := append(strings.Fields(head), "", "")
		y, err := strconv.Atoi(words[0])
		brk := strings.EqualFold(words[1], "break")
		if err != nil || (words[1] != "" && !brk) || words[2] != "" {
			r.fail(name, "line %d: %q should be a year, or a year and the word break", n, head)
			return
		}
		out = append(out, domain.Annotation{Year: y, Text: rest, Break: brk})
	})
	return out
}

// yearValueLines writes interim targets back as the lines yearValues reads.
func yearValueLines(list []domain.YearValue) string {
	lines := make([]string, len(list))
	for i, yv := range list {
		lines[i] = fmt.Sprintf("%d: %s", yv.Year, numText(yv.Value))
	}
	return strings.Join(lines, "\n")
}

// annotationLines writes annotations back as the lines annotations reads.
func annotationLines(list []domain.Annotation) string {
	lines := make([]string, len(list))
	for i, a := range list {
		head := strconv.Itoa(a.Year)
		if a.Break {
			head += " break"
		}
		lines[i] = head + ": " + a.Text
	}
	return strings.Join(lines, "\n")
}
