package web

import (
	"net/url"
	"strconv"

	"github.com/impactboard/impactboard/pkg/domain"
)

// settingsKind is the partnership's own settings: it is edited, never
// created or deleted on the web (the seed command loads new ones).
var settingsKind = &agendaKind{
	what: "settings", param: "partnership",
	values: settingsValues, blank: noBlank, layout: settingsLayout, apply: applySettings,
}

func settingsValues(b *domain.Bundle, _ string) (url.Values, string, bool) {
	p := b.Partnership
	v := url.Values{"name": {p.Name}, "region": {p.Region}, "vision": {p.Vision}, "backbone": {p.Backbone},
		"suppression_threshold": {strconv.Itoa(p.SuppressionThreshold)}}
	if p.Published {
		v.Set("published", "on")
	}
	return v, p.Name, true
}

func settingsLayout(f *formBuilder, b *domain.Bundle, _ string, _ bool) {
	f.add("text", "name", "Name", "", true).
		add("text", "region", "Region", "e.g. Anchorage, Alaska", false).
		add("textarea", "vision", "Vision", "The partnership's shared vision, shown on its overview.", false).
		add("select", "backbone", "Backbone organization", "The partner that coordinates the partnership.", false, partnerOptions(b)...)
	f.group("Privacy and publishing").
		add("integer", "suppression_threshold", "Suppression threshold",
			"The public does not see a figure whose denominator is below this number; members do. 10 is the usual rule; 0 hides nothing.", true).
		add("checkbox", "published", "Publish a public dashboard",
			"Unticked, only the partnership's members see it: to everyone else it does not exist.", false)
}

func applySettings(b *domain.Bundle, v url.Values, _ string, _ bool) (string, []domain.FieldError, error) {
	r := formReader{v: v, place: "partnership"}
	p := b.Partnership
	p.Name, p.Region, p.Vision, p.Backbone = r.text("name"), r.text("region"), r.text("vision"), r.text("backbone")
	p.SuppressionThreshold = r.whole("suppression_threshold", true)
	p.Published = r.text("published") != ""
	b.Partnership = p
	return p.Name, r.errs, nil
}
