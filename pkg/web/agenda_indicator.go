package web

import (
	"context"
	"net/url"
	"strconv"

	"github.com/impactboard/impactboard/pkg/domain"
)

var indicatorKind = &agendaKind{
	what: "indicator", coll: "indicators", param: "indicator",
	values: indicatorValues, blank: indicatorBlank, layout: indicatorLayout, apply: applyIndicator,
	remove: func(ctx context.Context, st Agenda, partnership, slug, actor string, withData bool) error {
		return st.DeleteIndicator(ctx, partnership, slug, actor, withData)
	},
	deleteNote: "Partners' commitments to it go with it. An indicator that a contributing indicator predicts, or that a dashboard file shows, cannot be deleted until that changes.",
}

// indicatorBlank starts a new indicator as core, measured linearly, under
// the goal of the page it was added from. The direction is left unset on
// purpose: a guessed direction silently inverts every status.
func indicatorBlank(q url.Values) url.Values {
	return url.Values{"goal": {q.Get("goal")}, "kind": {string(domain.KindCore)}, "method": {string(domain.MethodLinear)}}
}

func indicatorValues(b *domain.Bundle, slug string) (url.Values, string, bool) {
	ind, ok := b.Indicator(slug)
	v := url.Values{"slug": {ind.Slug}, "goal": {ind.Goal}, "name": {ind.Name}, "definition": {ind.Definition},
		"unit": {string(ind.Unit)}, "decimals": {strconv.Itoa(ind.Decimals)}, "direction": {string(ind.Direction)},
		"method": {string(ind.Method)}, "target_note": {ind.TargetNote}, "interim_targets": {yearValueLines(ind.Interim)},
		"source": {ind.Source}, "caveats": {ind.Caveats}, "steward": {ind.Steward}, "kind": {string(ind.Kind)},
		"predicts": {ind.Predicts}, "annotations": {annotationLines(ind.Annotations)}}
	if ind.RatePer != 0 {
		v.Set("rate_per", strconv.Itoa(ind.RatePer))
	}
	for name, yv := range map[string]*domain.YearValue{"baseline": ind.Baseline, "target": ind.Target} {
		if yv != nil {
			v.Set(name+"_year", strconv.Itoa(yv.Year))
			v.Set(name+"_value", numText(yv.Value))
		}
	}
	return v, ind.Name, ok
}

func indicatorLayout(f *formBuilder, b *domain.Bundle, slug string, create bool) {
	if create {
		slugField(f, "hs-graduation-4yr")
	}
	f.add("select", "goal", "Goal", "The item of the common agenda it measures.", true, goalOptions(b)...).
		add("text", "name", "Name", "", true).
		add("textarea", "definition", "Definition", "What exactly is counted, and of whom.", false)
	f.group("Unit and direction").
		add("select", "unit", "Unit", "", true, unitOptions()...).
		add("integer", "rate_per", "Rate per", "Only for a rate: per how many, e.g. 1000.", false).
		add("integer", "decimals", "Decimals", "Digits shown after the decimal point, 0 to 6.", false).
		add("radio", "direction", "Which way is better?", "Required: every status depends on it, so there is no default.", true,
			formOption{Value: string(domain.HigherIsBetter), Label: "Higher is better"},
			formOption{Value: string(domain.LowerIsBetter), Label: "Lower is better"}).
		add("select", "method", "Progress method", "Linear expects equal steps each year; CAGR (compound annual growth) equal percentage changes.", true,
			formOption{Value: string(domain.MethodLinear), Label: "Linear"}, formOption{Value: string(domain.MethodCAGR), Label: "CAGR"})
	yearValueGroup(f, "baseline", "Baseline", "The starting point progress is measured from.")
	yearValueGroup(f, "target", "Target", "Where the partnership aims to be.")
	f.add("text", "target_note", "Target note", "Where the target comes from, e.g. the plan that set it.", false).
		add("textarea", "interim_targets", "Interim targets", "One per line, year: value, e.g. 2017: 80", false)
	f.group("About the data").
		add("textarea", "source", "Data source", "Who publishes the figures, and where.", false).
		add("textarea", "caveats", "Caveats", "", false).
		add("select", "steward", "Steward", "The partner that reports its figures.", false, partnerOptions(b)...).
		add("textarea", "annotations", "Chart notes", "One per line, year: text; write year break: text when the series is not comparable across that year, e.g. 2014 break: Oregon changed its method.", false)
	f.group("Core or contributing").
		add("radio", "kind", "Kind", "A contributing indicator is an early sign of a core one.", true,
			formOption{Value: string(domain.KindCore), Label: "Core"}, formOption{Value: string(domain.KindContributing), Label: "Contributing"}).
		add("select", "predicts", "Predicts", "Only for a contributing indicator: the core indicator it predicts.", false, coreOptions(b, slug)...)
}

func yearValueGroup(f *formBuilder, name, legend, hint string) {
	f.group(legend).
		add("integer", name+"_year", legend+" year", hint+" Leave year and value empty for none.", false).
		add("number", name+"_value", legend+" value", "", false)
}

func unitOptions() []formOption {
	return []formOption{{Value: "", Label: "Choose a unit"}, {Value: string(domain.UnitPercent), Label: "Percent"},
		{Value: string(domain.UnitCount), Label: "Count"}, {Value: string(domain.UnitRate), Label: "Rate per N"},
		{Value: string(domain.UnitCurrency), Label: "Currency"}, {Value: string(domain.UnitScore), Label: "Score"}}
}

func goalOptions(b *domain.Bundle) []formOption {
	out := []formOption{{Value: "", Label: "Choose a goal"}}
	for _, g := range b.Goals {
		out = append(out, formOption{Value: g.Slug, Label: g.Title})
	}
	return out
}

func partnerOptions(b *domain.Bundle) []formOption {
	out := []formOption{{Value: "", Label: "None"}}
	for _, p := range b.Partners {
		out = append(out, formOption{Value: p.Slug, Label: p.Name})
	}
	return out
}

// coreOptions lists the core indicators other than slug itself.
func coreOptions(b *domain.Bundle, slug string) []formOption {
	out := []formOption{{Value: "", Label: "None (a core indicator)"}}
	for _, ind := range b.Indicators {
		if ind.Kind == domain.KindCore && ind.Slug != slug {
			out = append(out, formOption{Value: ind.Slug, Label: ind.Name})
		}
	}
	return out
}

func applyIndicator(b *domain.Bundle, v url.Values, slug string, create bool) (string, []domain.FieldError, error) {
	r := formReader{v: v, place: "indicator " + slug}
	ind := domain.Indicator{Slug: slug, Goal: r.text("goal"), Name: r.text("name"), Definition: r.text("definition"),
		Unit: domain.Unit(r.text("unit")), RatePer: r.whole("rate_per", false), Decimals: r.whole("decimals", false),
		Direction: domain.Direction(r.text("direction")), Method: domain.Method(r.text("method")),
		Baseline: r.yearValue("baseline"), Target: r.yearValue("target"), TargetNote: r.text("target_note"),
		Interim: r.yearValues("interim_targets"), Source: r.text("source"), Caveats: r.text("caveats"),
		Steward: r.text("steward"), Kind: domain.Kind(r.text("kind")), Predicts: r.text("predicts"),
		Annotations: r.annotations("annotations")}
	return ind.Name, r.errs, putIndicator(b, ind, create, false)
}
