package charts

// Point is one value of a series at a year.
type Point struct {
	Year  int
	Value float64
}

// Line is a named series over years. Suppressed lists years whose value
// must not be shown (small numbers): they are drawn as gaps even when
// Points holds a value for them, and the tooltip says "suppressed".
type Line struct {
	Name       string
	Points     []Point
	Suppressed []int
}

// Mark annotates a year on a progress chart. Break marks a series break
// (values before and after are not comparable, e.g. a method change).
type Mark struct {
	Year  int
	Text  string
	Break bool
}

// Progress is everything drawn on an indicator's progress chart. Unit is
// the suffix shown after values ("%"); Decimals is how many decimals the
// tooltip shows. Suppressed years are drawn as gaps in Actual. When Glide
// is empty and both Baseline and Target are set, the glide path is the
// straight line between them. YMin and YMax fix the value axis; without
// them it fits the data.
type Progress struct {
	ID, Title   string
	Unit        string
	Decimals    int
	Actual      []Point
	Suppressed  []int
	Baseline    *Point
	Target      *Point
	TargetLabel string
	Glide       []Point
	Projection  []Point
	Interim     []Point
	Comparisons []Line
	Marks       []Mark
	YMin, YMax  *float64
}

// Subgroup is one indicator split by the groups of a dimension, one line
// per group. LatestYear picks the year of LatestBarsOption; 0 means the
// latest year of any line.
type Subgroup struct {
	ID, Title, Unit string
	Decimals        int
	Lines           []Line
	LatestYear      int
	Marks           []Mark // on the lines, not the bars
}

// GapChart is the equity gap of each group against the Reference group,
// one line per group over years; 0 means no gap.
type GapChart struct {
	ID, Title, Unit string
	Decimals        int
	Reference       string
	Lines           []Line
	Marks           []Mark
}

// Spark is a small multiple: an indicator's actual values, its target and
// glide path, without legend and with minimal axes. Groups are drawn as
// thin grey lines, for indicators that only have figures by group (e.g. by
// district) so their card still shows the trend.
type Spark struct {
	ID, Title, Unit string
	Decimals        int
	Actual          []Point
	Target          *Point
	Glide           []Point
	Groups          []Line
}
