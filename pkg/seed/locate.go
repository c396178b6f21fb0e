package seed

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// figurePlace matches the places Bundle.Validate gives figures:
// "measurement 12 (hs-graduation-4yr 2019)".
var figurePlace = regexp.MustCompile(`^(measurement|comparison) (\d+)\b`)

// entityLists maps the kind in a validation place to its list key in
// partnership.yaml.
var entityLists = map[string]string{"partner": "partners", "goal": "goals", "indicator": "indicators"}

// locate rewrites the places of Bundle.Validate's errors ("measurement 12",
// "indicator x") as file:line, where an editor can fix them.
func (l *loader) locate(err error) error {
	var de *domain.Error
	if !errors.As(err, &de) {
		return err
	}
	fields := make([]domain.FieldError, len(de.Fields))
	for i, f := range de.Fields {
		fields[i] = l.locateField(f)
	}
	return l.invalid(fields)
}

func (l *loader) locateField(f domain.FieldError) domain.FieldError {
	if sub := figurePlace.FindStringSubmatch(f.Place); sub != nil {
		n, _ := strconv.Atoi(sub[2])
		file, lines := MeasurementsFile, l.mLines
		if sub[1] == "comparison" {
			file, lines = ComparisonsFile, l.cLines
		}
		line := 0
		if n >= 1 && n <= len(lines) {
			line = lines[n-1]
		}
		return domain.FieldError{Place: place(l.path(file), line), Field: "column " + f.Field, Message: f.Message}
	}
	path, label, ok := l.entity(f)
	if !ok {
		return f
	}
	line := l.doc.line(append(path, fieldPath(f.Field)...))
	return domain.FieldError{Place: place(l.path(PartnershipFile), line), Field: label, Message: joinField(f.Field, f.Message)}
}

// entity turns a place such as "indicator x" into its path in the YAML
// tree and a label for the message.
func (l *loader) entity(f domain.FieldError) (path []any, label string, ok bool) {
	if f.Place == "partnership" {
		return []any{"partnership"}, "partnership", true
	}
	kind, slug, _ := strings.Cut(f.Place, " ")
	list, ok := entityLists[kind]
	if !ok {
		return nil, "", false
	}
	label = fmt.Sprintf("%s %q", kind, slug)
	i := l.doc.item(list, slug, f.Field == "slug" && f.Message == "is used twice")
	if i < 0 {
		return []any{list}, label, true
	}
	return []any{list, i}, label, true
}

// fieldPath splits a validation field such as "interim_targets[0].year"
// into YAML path steps.
func fieldPath(field string) []any {
	var steps []any
	for _, part := range strings.Split(field, ".") {
		name, index, hasIndex := strings.Cut(part, "[")
		steps = append(steps, name)
		if n, err := strconv.Atoi(strings.TrimSuffix(index, "]")); hasIndex && err == nil {
			steps = append(steps, n)
		}
	}
	return steps
}

// joinField reads "direction is required" or "value: 120% is outside 0..100".
func joinField(field, msg string) string {
	if strings.HasPrefix(msg, "is ") {
		return field + " " + msg
	}
	return field + ": " + msg
}
