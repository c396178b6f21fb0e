package domain

import (
	"strings"
	"testing"
)

func validIndicator() Indicator {
	return Indicator{Slug: "hs-graduation-4yr", Goal: "graduation", Name: "Graduation", Unit: UnitPercent, Decimals: 1,
		Direction: HigherIsBetter, Method: MethodLinear, Kind: KindCore,
		Baseline: &YearValue{Year: 2005, Value: 59}, Target: &YearValue{Year: 2020, Value: 90}}
}

func fieldsOf(errs []FieldError) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Field + ": " + e.Message + "\n")
	}
	return b.String()
}

func TestIndicatorValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Indicator)
		want   string // substring of the messages; "" = valid
	}{
		{"valid", func(*Indicator) {}, ""},
		{"direction required", func(i *Indicator) { i.Direction = "" }, "direction: is required"},
		{"direction unknown", func(i *Indicator) { i.Direction = "up" }, "direction"},
		{"bad slug", func(i *Indicator) { i.Slug = "HS Grad" }, "slug"},
		{"slug with underscore", func(i *Indicator) { i.Slug = "hs_grad" }, "slug"},
		{"unit unknown", func(i *Indicator) { i.Unit = "furlongs" }, "unit"},
		{"rate needs rate_per", func(i *Indicator) { i.Unit = UnitRate }, "rate_per"},
		{"method unknown", func(i *Indicator) { i.Method = "vibes" }, "method"},
		{"contributing needs predicts", func(i *Indicator) { i.Kind = KindContributing }, "predicts"},
		{"core cannot predict", func(i *Indicator) { i.Predicts = "x" }, "predicts"},
		{"target percent over 100", func(i *Indicator) { i.Target.Value = 120 }, "outside 0..100"},
		{"baseline year 0", func(i *Indicator) { i.Baseline.Year = 0 }, "year 0 is outside"},
		{"target before baseline", func(i *Indicator) { i.Target.Year = 2000 }, "must be after the baseline"},
		{"interim year 99999", func(i *Indicator) { i.Interim = []YearValue{{Year: 99999, Value: 80}} }, "interim_targets[0].year"},
		{"annotation without text", func(i *Indicator) { i.Annotations = []Annotation{{Year: 2014}} }, "annotations[0].text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ind := validIndicator()
			tt.change(&ind)
			got := fieldsOf(ind.Validate())
			if tt.want == "" && got != "" {
				t.Errorf("errors = %q, want none", got)
			}
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("errors = %q, want one containing %q", got, tt.want)
			}
		})
	}
}

func f(v float64) *float64 { return &v }

func TestValidateMeasurement(t *testing.T) {
	ind := validIndicator()
	tests := []struct {
		name string
		m    Measurement
		want string
	}{
		{"valid", Measurement{Year: 2019, Value: 84, Status: StatusApproved}, ""},
		{"valid fraction rounded", Measurement{Year: 2019, Value: 84.1, Numerator: f(841), Denominator: f(1000), Status: StatusApproved}, ""},
		{"percent 120", Measurement{Year: 2019, Value: 120, Status: StatusApproved}, "outside 0..100"},
		{"negative percent", Measurement{Year: 2019, Value: -1, Status: StatusApproved}, "outside 0..100"},
		{"year 0", Measurement{Year: 0, Value: 50, Status: StatusApproved}, "year 0"},
		{"year 99999", Measurement{Year: 99999, Value: 50, Status: StatusApproved}, "year 99999"},
		{"numerator over denominator", Measurement{Year: 2019, Value: 50, Numerator: f(11), Denominator: f(10), Status: StatusApproved}, "greater than denominator"},
		{"value inconsistent", Measurement{Year: 2019, Value: 50, Numerator: f(9), Denominator: f(10), Status: StatusApproved}, "does not match"},
		{"numerator alone", Measurement{Year: 2019, Value: 50, Numerator: f(9), Status: StatusApproved}, "denominator: numerator and denominator go together"},
		{"denominator alone", Measurement{Year: 2019, Value: 50, Denominator: f(9), Status: StatusApproved}, "numerator: numerator and denominator go together"},
		{"zero denominator", Measurement{Year: 2019, Value: 50, Numerator: f(0), Denominator: f(0), Status: StatusApproved}, "denominator: denominator must be > 0, got 0"},
		{"negative numerator", Measurement{Year: 2019, Value: 50, Numerator: f(-1), Denominator: f(2), Status: StatusApproved}, "numerator: numerator must be >= 0, got -1"},
		{"group without dimension", Measurement{Year: 2019, Value: 50, Group: "White", Status: StatusApproved}, "give both or neither"},
		{"unknown status", Measurement{Year: 2019, Value: 50, Status: "final"}, "status"},
		{"source not a URL", Measurement{Year: 2019, Value: 50, Status: StatusApproved, Source: "javascript:alert(1)"}, "http(s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fieldsOf(ValidateMeasurement(ind, tt.m, "row 2"))
			if tt.want == "" && got != "" {
				t.Errorf("errors = %q, want none", got)
			}
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("errors = %q, want one containing %q", got, tt.want)
			}
		})
	}
}

func TestBundleValidate(t *testing.T) {
	b := Bundle{
		Partnership: Partnership{Slug: "p", Name: "P", Backbone: "nobody"},
		Partners:    []Partner{{Slug: "a", Name: "A", Sector: "education", Contributes: []string{"missing"}}, {Slug: "a", Name: "A2", Sector: "astrology"}},
		Goals:       []Goal{{Slug: "graduation", Title: "G"}},
		Indicators:  []Indicator{validIndicator()},
		Measurements: []Measurement{
			{Indicator: "hs-graduation-4yr", Year: 2019, Value: 84, Status: StatusApproved},
			{Indicator: "hs-graduation-4yr", Year: 2019, Value: 85, Status: StatusApproved},
			{Indicator: "nope", Year: 2019, Value: 1, Status: StatusApproved},
		},
	}
	err := b.Validate()
	if ErrorCode(err) != EINVALID {
		t.Fatalf("code = %q, want invalid", ErrorCode(err))
	}
	msg := err.Error()
	for _, want := range []string{`unknown partner "nobody"`, `unknown indicator "missing"`, "is used twice", "astrology", "duplicate", `unknown indicator "nope"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
}

func TestErrorHelpers(t *testing.T) {
	if ErrorCode(nil) != "" || ErrorMessage(nil) != "" {
		t.Error("nil error should have no code or message")
	}
	if got := ErrorMessage(errString("driver: secret detail")); got != "Internal error." {
		t.Errorf("internal message = %q, must not leak details", got)
	}
	if got := ErrorCode(Errorf(ENOTFOUND, "x")); got != ENOTFOUND {
		t.Errorf("code = %q", got)
	}
	if Invalid("x", nil) != nil {
		t.Error("Invalid with no fields should be nil")
	}
}

type errString string

func (e errString) Error() string { return string(e) }
