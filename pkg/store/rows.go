package store

import "time"

// Row structs mirror the tables of migrations/*/0001_init.sql. They never
// leave the package: callers get domain types.

type partnershipRow struct {
	ID                   int64
	Slug                 string
	Name                 string
	Region               string
	Vision               string
	BackbonePartnerID    *int64
	SuppressionThreshold int
	Published            bool
}

func (partnershipRow) TableName() string { return "partnerships" }

type partnerRow struct {
	ID            int64
	PartnershipID int64
	Slug          string
	Name          string
	Sector        string
	Website       string
	Description   string
}

func (partnerRow) TableName() string { return "partners" }

type goalRow struct {
	ID            int64
	PartnershipID int64
	Slug          string
	Title         string
	Description   string
	Position      int
}

func (goalRow) TableName() string { return "goals" }

type indicatorRow struct {
	ID                  int64
	PartnershipID       int64
	GoalID              int64
	Slug                string
	Name                string
	Definition          string
	Unit                string
	RatePer             int
	Decimals            int
	Direction           string
	Method              string
	BaselineYear        *int
	BaselineValue       *float64
	TargetYear          *int
	TargetValue         *float64
	TargetNote          string
	InterimTargets      string // JSON list of domain.YearValue
	Annotations         string // JSON list of domain.Annotation
	Source              string
	Caveats             string
	StewardPartnerID    *int64
	Kind                string
	PredictsIndicatorID *int64
	Position            int
}

func (indicatorRow) TableName() string { return "indicators" }

// contributionRow says a partner contributes to an indicator.
type contributionRow struct {
	PartnershipID int64
	PartnerID     int64 `gorm:"primaryKey;autoIncrement:false"`
	IndicatorID   int64 `gorm:"primaryKey;autoIncrement:false"`
}

func (contributionRow) TableName() string { return "partner_indicators" }

type measurementRow struct {
	ID          int64
	IndicatorID int64
	Year        int
	Dimension   string
	Grp         string `gorm:"column:grp"`
	Value       float64
	Numerator   *float64
	Denominator *float64
	Note        string
	Source      string
	Status      string
	EnteredBy   string
	EnteredAt   time.Time
}

func (measurementRow) TableName() string { return "measurements" }

// measurementView is a measurement read with its indicator's slug.
type measurementView struct {
	Row           measurementRow `gorm:"embedded"`
	IndicatorSlug string
}

type comparisonRow struct {
	ID          int64
	IndicatorID int64
	Geography   string
	Dimension   string
	Grp         string `gorm:"column:grp"`
	Year        int
	Value       float64
	Note        string
	Source      string
}

func (comparisonRow) TableName() string { return "comparisons" }

type comparisonView struct {
	Row           comparisonRow `gorm:"embedded"`
	IndicatorSlug string
}

type auditRow struct {
	ID            int64
	PartnershipID int64
	Entity        string
	EntityKey     string
	Action        string
	OldValue      string
	NewValue      string
	Actor         string
	At            time.Time
	Comment       string
}

func (auditRow) TableName() string { return "audit_log" }
