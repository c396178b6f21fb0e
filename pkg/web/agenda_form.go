package web

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// agendaFormPage is every form of the agenda. The fields are described in
// Go (formGroup, formField) and rendered alike by agenda_form.html, so
// each has its label, and its hint and error tied to it.
type agendaFormPage struct {
	layout
	Intro    string
	Action   string // where the form posts
	Submit   string // the button's label
	Cancel   string // where "Cancel" goes
	Delete   string // the delete confirmation page, when editing
	Groups   []formGroup
	Invalid  bool     // some field has a problem
	Problems []string // problems not tied to a field of the form
}

// formGroup is a fieldset of a form; an empty Legend means no fieldset.
type formGroup struct {
	Legend string
	Fields []formField
}

// formField is one input. Kind is text, number, integer, url, textarea,
// select, radio, checkboxes or checkbox.
type formField struct {
	Kind, Name, Label, Hint string
	Value                   string
	Options                 []formOption
	Required                bool
	Error                   string
}

type formOption struct {
	Value, Label string
	Selected     bool
}

// formBuilder lays out a form with its values (as posted, or read from the
// stored entity) and the problem of each field.
type formBuilder struct {
	values url.Values
	errs   map[string]string
	used   map[string]bool
	groups []formGroup
}

func newForm(values url.Values, errs map[string]string) *formBuilder {
	return &formBuilder{values: values, errs: errs, used: map[string]bool{}}
}

// group starts a fieldset; the fields added next go into it.
func (f *formBuilder) group(legend string) *formBuilder {
	f.groups = append(f.groups, formGroup{Legend: legend})
	return f
}

func (f *formBuilder) add(kind, name, label, hint string, required bool, opts ...formOption) *formBuilder {
	if len(f.groups) == 0 {
		f.group("")
	}
	for i := range opts {
		opts[i].Selected = slices.Contains(f.values[name], opts[i].Value)
	}
	f.used[name] = true
	g := &f.groups[len(f.groups)-1]
	g.Fields = append(g.Fields, formField{Kind: kind, Name: name, Label: label, Hint: hint, Value: f.values.Get(name),
		Options: opts, Required: required, Error: f.errs[name]})
	return f
}

// fill puts the form into page, with the problems of fields it does not
// show in the list above it.
func (f *formBuilder) fill(page *agendaFormPage) {
	page.Groups, page.Invalid = f.groups, len(f.errs) > 0
	for name, msg := range f.errs {
		if !f.used[name] {
			page.Problems = append(page.Problems, name+": "+msg)
		}
	}
	slices.Sort(page.Problems)
}

// formProblems sorts the problems of a failed save: those of the entity
// being edited (place) by form field, the others (a stored figure that a
// new unit makes invalid) as sentences. An error that is not about the
// input comes back as it is.
func formProblems(err error, place string) (map[string]string, []string, error) {
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.EINVALID {
		return nil, nil, err
	}
	byField := map[string]string{}
	var other []string
	for _, fe := range de.Fields {
		if fe.Place != place && fe.Place != "" {
			other = append(other, fe.String())
			continue
		}
		name, msg := formFieldOf(fe)
		if _, ok := byField[name]; !ok { // the first problem is the one to fix first
			byField[name] = msg
		}
	}
	if len(de.Fields) == 0 {
		other = append(other, de.Message)
	}
	return byField, other, nil
}

// formFieldOf names the form input of a domain field: "baseline.year" is
// baseline_year, and an item of a list ("interim_targets[1].year") is the
// list's text area, its message naming the entry.
func formFieldOf(fe domain.FieldError) (name, msg string) {
	i, j := strings.IndexByte(fe.Field, '['), strings.IndexByte(fe.Field, ']')
	if i < 0 || j < i {
		return strings.ReplaceAll(fe.Field, ".", "_"), fe.Message
	}
	n, err := strconv.Atoi(fe.Field[i+1 : j])
	if err != nil {
		return fe.Field[:i], fe.Message
	}
	return fe.Field[:i], fmt.Sprintf("entry %d: %s", n+1, fe.Message)
}

// numText writes a number the way ParseNumber reads it back.
func numText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
