package domain

import "time"

// Direction says which way an indicator should move. It is required: there
// is no default, because guessing it would silently invert every status.
type Direction string

// Directions.
const (
	HigherIsBetter Direction = "higher"
	LowerIsBetter  Direction = "lower"
)

// Unit is how an indicator's values are measured.
type Unit string

// Units.
const (
	UnitPercent  Unit = "percent"
	UnitCount    Unit = "count"
	UnitRate     Unit = "rate" // per Indicator.RatePer
	UnitCurrency Unit = "currency"
	UnitScore    Unit = "score"
)

// Method is how progress toward a target is measured (see package progress).
type Method string

// Methods.
const (
	MethodLinear Method = "linear"
	MethodCAGR   Method = "cagr"
)

// Kind tells core indicators from contributing ones that predict a core one.
type Kind string

// Kinds.
const (
	KindCore         Kind = "core"
	KindContributing Kind = "contributing"
)

// MeasurementStatus is where a figure is in the approval workflow.
type MeasurementStatus string

// Measurement statuses.
const (
	StatusDraft     MeasurementStatus = "draft"
	StatusSubmitted MeasurementStatus = "submitted"
	StatusApproved  MeasurementStatus = "approved"
	StatusReturned  MeasurementStatus = "returned"
)

// Sectors a partner can belong to.
var Sectors = []string{"education", "nonprofit", "business", "government", "philanthropy", "health", "faith", "community"}

// DefaultSuppressionThreshold hides figures whose denominator is below it.
const DefaultSuppressionThreshold = 10

// Partnership is one collective-impact partnership: a common agenda, its
// partners and its shared measurement.
type Partnership struct {
	ID                   int64  `json:"-"`
	Slug                 string `json:"slug"`
	Name                 string `json:"name"`
	Region               string `json:"region"`
	Vision               string `json:"vision"`
	Backbone             string `json:"backbone"` // partner slug
	SuppressionThreshold int    `json:"suppression_threshold"`
	Published            bool   `json:"published"`
}

// Partner is an organization in a partnership.
type Partner struct {
	ID          int64    `json:"-"`
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	Sector      string   `json:"sector"`
	Website     string   `json:"website,omitempty"`
	Description string   `json:"description,omitempty"`
	Contributes []string `json:"contributes"` // indicator slugs
}

// Goal is one item of the common agenda.
type Goal struct {
	ID          int64  `json:"-"`
	Slug        string `json:"slug"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Position    int    `json:"position"`
}

// YearValue is a value at a year: a baseline, a target, an interim target.
type YearValue struct {
	Year  int     `json:"year"`
	Value float64 `json:"value"`
}

// Annotation marks a year on an indicator's charts. A Break means the series
// is not comparable across that year (a method change).
type Annotation struct {
	Year  int    `json:"year"`
	Text  string `json:"text"`
	Break bool   `json:"break,omitempty"`
}

// Indicator is a shared measure under a goal.
type Indicator struct {
	ID          int64        `json:"-"`
	Slug        string       `json:"slug"`
	Goal        string       `json:"goal"` // goal slug
	Name        string       `json:"name"`
	Definition  string       `json:"definition,omitempty"`
	Unit        Unit         `json:"unit"`
	RatePer     int          `json:"rate_per,omitempty"`
	Decimals    int          `json:"decimals"`
	Direction   Direction    `json:"direction"`
	Method      Method       `json:"method"`
	Baseline    *YearValue   `json:"baseline,omitempty"`
	Target      *YearValue   `json:"target,omitempty"`
	TargetNote  string       `json:"target_note,omitempty"`
	Interim     []YearValue  `json:"interim_targets,omitempty"`
	Source      string       `json:"source,omitempty"`
	Caveats     string       `json:"caveats,omitempty"`
	Steward     string       `json:"steward,omitempty"` // partner slug
	Kind        Kind         `json:"kind"`
	Predicts    string       `json:"predicts,omitempty"` // core indicator slug
	Annotations []Annotation `json:"annotations,omitempty"`
	Position    int          `json:"position"`
}

// Measurement is one figure: indicator × year × subgroup. An empty Dimension
// and Group mean all groups.
type Measurement struct {
	ID          int64             `json:"-"`
	Indicator   string            `json:"indicator"` // indicator slug
	Year        int               `json:"year"`
	Dimension   string            `json:"dimension,omitempty"`
	Group       string            `json:"group,omitempty"`
	Value       float64           `json:"value"`
	Numerator   *float64          `json:"numerator,omitempty"`
	Denominator *float64          `json:"denominator,omitempty"`
	Note        string            `json:"note,omitempty"`
	Source      string            `json:"source,omitempty"`
	Status      MeasurementStatus `json:"status"`
	EnteredBy   string            `json:"entered_by,omitempty"`
	EnteredAt   time.Time         `json:"entered_at"`
}

// AllGroups reports whether m is a figure for everyone, not a subgroup.
func (m Measurement) AllGroups() bool { return m.Dimension == "" && m.Group == "" }

// Comparison is a figure for a wider geography (the state, the nation),
// shown on charts for context and never used for a status.
type Comparison struct {
	ID        int64   `json:"-"`
	Indicator string  `json:"indicator"`
	Geography string  `json:"geography"`
	Dimension string  `json:"dimension,omitempty"`
	Group     string  `json:"group,omitempty"`
	Year      int     `json:"year"`
	Value     float64 `json:"value"`
	Note      string  `json:"note,omitempty"`
	Source    string  `json:"source,omitempty"`
}

// AuditEntry records one change: who, when, what, old and new (as JSON).
type AuditEntry struct {
	ID          int64     `json:"id"`
	Partnership string    `json:"partnership"`
	Entity      string    `json:"entity"` // "measurement", "indicator", ...
	Key         string    `json:"key"`    // natural key, e.g. "hs-graduation-4yr/2019//"
	Action      string    `json:"action"` // "create", "update", "delete"
	Old         string    `json:"old,omitempty"`
	New         string    `json:"new,omitempty"`
	Actor       string    `json:"actor"`
	At          time.Time `json:"at"`
	Comment     string    `json:"comment,omitempty"`
}

// Bundle is everything a partnership holds. It is the unit that seed files
// load and that pages read, so a page costs a fixed number of queries.
type Bundle struct {
	Partnership  Partnership   `json:"partnership"`
	Partners     []Partner     `json:"partners"`
	Goals        []Goal        `json:"goals"`
	Indicators   []Indicator   `json:"indicators"`
	Measurements []Measurement `json:"measurements"`
	Comparisons  []Comparison  `json:"comparisons"`
}
