package web

import (
	"context"
	"net/url"

	"github.com/impactboard/impactboard/pkg/domain"
)

// agendaKind is what the pages of one kind of entity need to know about
// it; the handlers (agenda_pages.go, agenda_delete.go) are the same for all.
type agendaKind struct {
	what  string // "partner": in titles, messages and domain places
	coll  string // "partners": its path segment; "" for the partnership itself
	param string // the path parameter holding its slug
	// values reads the stored entity as form values, with its name.
	values func(b *domain.Bundle, slug string) (url.Values, string, bool)
	// blank is the form of a new one; q is the query of the page.
	blank func(q url.Values) url.Values
	// layout lays out the form's fields.
	layout func(f *formBuilder, b *domain.Bundle, slug string, create bool)
	// apply reads a posted form into b. pre holds the values that did not
	// parse; err is a change b refuses (a slug already used).
	apply func(b *domain.Bundle, v url.Values, slug string, create bool) (name string, pre []domain.FieldError, err error)
	// remove deletes it; deleteNote tells what deleting does and refuses.
	remove     func(ctx context.Context, st Agenda, partnership, slug, actor string, withData bool) error
	deleteNote string
}

// place is how domain messages name the entity ("partner united-way").
func (k *agendaKind) place(slug string) string {
	if k.coll == "" {
		return "partnership"
	}
	return k.what + " " + slug
}

// url is the entity's page.
func (k *agendaKind) url(partnership, slug string) string {
	if k.coll == "" {
		return "/p/" + partnership
	}
	return "/p/" + partnership + "/" + k.coll + "/" + slug
}

func noBlank(url.Values) url.Values { return url.Values{} }

// slugField is the first field of a form for a new entity.
func slugField(f *formBuilder, example string) {
	f.add("text", "slug", "Slug", "Its address: lowercase letters, digits and hyphens, e.g. "+example+". It cannot change later.", true)
}

var partnerKind = &agendaKind{
	what: "partner", coll: "partners", param: "partner",
	values: partnerValues, blank: noBlank, layout: partnerLayout, apply: applyPartner,
	remove: func(ctx context.Context, st Agenda, partnership, slug, actor string, _ bool) error {
		return st.DeletePartner(ctx, partnership, slug, actor)
	},
	deleteNote: "Its commitments to indicators go with it. The backbone organization, a data steward, or a partner whose staff enter data as contributors cannot be deleted until that changes.",
}

func partnerValues(b *domain.Bundle, slug string) (url.Values, string, bool) {
	p, ok := findBySlug(b.Partners, slug, partnerSlug)
	v := url.Values{"slug": {p.Slug}, "name": {p.Name}, "sector": {p.Sector}, "website": {p.Website},
		"description": {p.Description}, "contributes": p.Contributes}
	return v, p.Name, ok
}

func partnerLayout(f *formBuilder, b *domain.Bundle, _ string, create bool) {
	if create {
		slugField(f, "united-way-of-anchorage")
	}
	sectors := []formOption{{Value: "", Label: "Choose a sector"}}
	for _, s := range domain.Sectors {
		sectors = append(sectors, formOption{Value: s, Label: s})
	}
	var inds []formOption
	for _, ind := range b.Indicators {
		inds = append(inds, formOption{Value: ind.Slug, Label: ind.Name})
	}
	f.add("text", "name", "Name", "", true).
		add("select", "sector", "Sector", "", true, sectors...).
		add("url", "website", "Website", "Its address, starting with https://", false).
		add("textarea", "description", "Description", "", false).
		add("checkboxes", "contributes", "Contributes to", "The indicators this partner has committed to move: its mutually reinforcing activities.", false, inds...)
}

func applyPartner(b *domain.Bundle, v url.Values, slug string, create bool) (string, []domain.FieldError, error) {
	r := formReader{v: v, place: "partner " + slug}
	p := domain.Partner{Slug: slug, Name: r.text("name"), Sector: r.text("sector"), Website: r.text("website"),
		Description: r.text("description"), Contributes: r.list("contributes")}
	return p.Name, r.errs, putPartner(b, p, create)
}

var goalKind = &agendaKind{
	what: "goal", coll: "goals", param: "goal",
	values: goalValues, blank: noBlank, layout: goalLayout, apply: applyGoal,
	remove: func(ctx context.Context, st Agenda, partnership, slug, actor string, _ bool) error {
		return st.DeleteGoal(ctx, partnership, slug, actor)
	},
	deleteNote: "A goal that still has indicators, or that a dashboard file shows, cannot be deleted until that changes: move or delete its indicators, or take it out of the dashboard files and restart.",
}

func goalValues(b *domain.Bundle, slug string) (url.Values, string, bool) {
	g, ok := findBySlug(b.Goals, slug, goalSlug)
	return url.Values{"slug": {g.Slug}, "title": {g.Title}, "description": {g.Description}}, g.Title, ok
}

func goalLayout(f *formBuilder, _ *domain.Bundle, _ string, create bool) {
	if create {
		slugField(f, "graduation")
	}
	f.add("text", "title", "Title", "The goal as the partnership states it, e.g. “90% of students graduate by 2020”.", true).
		add("textarea", "description", "Description", "", false)
}

func applyGoal(b *domain.Bundle, v url.Values, slug string, create bool) (string, []domain.FieldError, error) {
	r := formReader{v: v, place: "goal " + slug}
	g := domain.Goal{Slug: slug, Title: r.text("title"), Description: r.text("description")}
	return g.Title, r.errs, putGoal(b, g, create, false)
}
