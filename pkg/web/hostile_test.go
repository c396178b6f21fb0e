package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/impactboard/impactboard/pkg/browsertest"
	"github.com/impactboard/impactboard/pkg/domain"
)

// Hostile texts, each aimed at a different way a string could become code:
// closing a script element, breaking out of a JSON string inside a script,
// go-echarts' __f__ function marker, and HTML event handlers. Each one sets
// window.__xss or opens a dialog if it ever runs.
const (
	hostilePartner    = `</script><script>window.__xss=1;alert(1)</script>`
	hostileIndicator  = `"};window.__xss=2;alert(1);//`
	hostileGoal       = `__f__function(){window.__xss=3;alert(1)}__f__`
	hostileAnnotation = `<img src=x onerror="window.__xss=4">`
	hostileGroup      = `<svg onload=window.__xss=5>`
	hostileNote       = `<script>window.__xss=6</script>`
)

// TestBrowserHostileStrings opens pages of a partnership whose names and
// notes are script injections and checks that they show as text and never
// run, while the charts still draw.
func TestBrowserHostileStrings(t *testing.T) {
	ctx := browsertest.Start(t)
	b := hostileBundle()
	if err := b.Validate(); err != nil {
		t.Fatalf("hostile bundle: %v", err)
	}
	a := newApp(t, b)
	pages := []struct {
		path  string
		texts []string
	}{
		{"/p/hostile-test", []string{hostilePartner, hostileIndicator, hostileGoal}},
		{"/p/hostile-test/indicators/hostile-rate", []string{
			hostilePartner, hostileIndicator, hostileGoal, hostileAnnotation, hostileGroup, hostileNote,
		}},
	}
	for _, p := range pages {
		t.Run(p.path, func(t *testing.T) {
			tb := visit(t, ctx, a.srv.URL+p.path)
			tb.checkClean(t)
			checkCharts(t, tb.charts(t))
			tb.checkNoXSS(t)
			text := tb.innerText(t)
			for _, s := range p.texts {
				if !strings.Contains(text, s) {
					t.Errorf("page text lacks %q, so it did not render as text", s)
				}
			}
		})
	}
}

func (tb *tab) checkNoXSS(t *testing.T) {
	t.Helper()
	got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`typeof window.__xss`))
	if err != nil {
		t.Fatalf("%s: read window.__xss: %v", tb.url, err)
	}
	if got != "undefined" {
		v, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[any](`window.__xss`))
		t.Errorf("%s: window.__xss is %v: a hostile string ran", tb.url, v)
	}
}

func (tb *tab) innerText(t *testing.T) string {
	t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatalf("%s: read text: %v", tb.url, err)
	}
	return s
}

// hostileBundle is a published partnership with one indicator, a subgroup
// and a few approved figures. The values are made up: they only have to be
// valid percentages and are never shown as real data.
func hostileBundle() *domain.Bundle {
	return &domain.Bundle{
		Partnership: domain.Partnership{
			Slug: "hostile-test", Name: "Hostile strings test", Region: "Test region",
			Backbone: "hostile-partner", SuppressionThreshold: domain.DefaultSuppressionThreshold, Published: true,
		},
		Partners: []domain.Partner{{
			Slug: "hostile-partner", Name: hostilePartner, Sector: "community",
			Contributes: []string{"hostile-rate"},
		}},
		Goals: []domain.Goal{{Slug: "hostile-goal", Title: hostileGoal, Position: 1}},
		Indicators: []domain.Indicator{{
			Slug: "hostile-rate", Goal: "hostile-goal", Name: hostileIndicator,
			Unit: domain.UnitPercent, Decimals: 1, Direction: domain.HigherIsBetter,
			Method: domain.MethodLinear, Kind: domain.KindCore, Steward: "hostile-partner",
			Baseline:    &domain.YearValue{Year: 2016, Value: 50},
			Target:      &domain.YearValue{Year: 2026, Value: 80},
			Annotations: []domain.Annotation{{Year: 2018, Text: hostileAnnotation}},
			Position:    1,
		}},
		Measurements: hostileMeasurements(),
	}
}

func hostileMeasurements() []domain.Measurement {
	at := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	m := func(year int, group string, v float64) domain.Measurement {
		d := domain.Measurement{
			Indicator: "hostile-rate", Year: year, Value: v, Note: hostileNote,
			Status: domain.StatusApproved, EnteredBy: "test", EnteredAt: at,
		}
		if group != "" {
			d.Dimension, d.Group = "Race/ethnicity", group
		}
		return d
	}
	return []domain.Measurement{
		m(2016, "", 50), m(2017, "", 52.5), m(2018, "", 55), m(2019, "", 57.5),
		m(2017, hostileGroup, 45), m(2018, hostileGroup, 48), m(2019, hostileGroup, 51),
		m(2017, "White", 56), m(2018, "White", 58), m(2019, "White", 60),
	}
}
