package seed

import (
	"github.com/impactboard/impactboard/pkg/domain"
)

// fileYAML mirrors partnership.yaml. Keys use the field names of the
// domain's validation messages, so an error can be traced back to its key.
type fileYAML struct {
	Partnership partnershipYAML `yaml:"partnership"`
	Partners    []partnerYAML   `yaml:"partners"`
	Goals       []goalYAML      `yaml:"goals"`
	Indicators  []indicatorYAML `yaml:"indicators"`
}

type partnershipYAML struct {
	Slug                 string       `yaml:"slug"`
	Name                 string       `yaml:"name"`
	Region               string       `yaml:"region"`
	Vision               string       `yaml:"vision"`
	Backbone             string       `yaml:"backbone"`
	SuppressionThreshold *wholeNumber `yaml:"suppression_threshold"`
	Published            bool         `yaml:"published"`
}

type partnerYAML struct {
	Slug        string   `yaml:"slug"`
	Name        string   `yaml:"name"`
	Sector      string   `yaml:"sector"`
	Website     string   `yaml:"website"`
	Description string   `yaml:"description"`
	Contributes []string `yaml:"contributes"`
}

type goalYAML struct {
	Slug        string `yaml:"slug"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
}

type yearValueYAML struct {
	Year  wholeNumber `yaml:"year"`
	Value number      `yaml:"value"`
}

type annotationYAML struct {
	Year  wholeNumber `yaml:"year"`
	Text  string      `yaml:"text"`
	Break bool        `yaml:"break"`
}

type indicatorYAML struct {
	Slug        string           `yaml:"slug"`
	Goal        string           `yaml:"goal"`
	Name        string           `yaml:"name"`
	Definition  string           `yaml:"definition"`
	Unit        string           `yaml:"unit"`
	RatePer     wholeNumber      `yaml:"rate_per"`
	Decimals    wholeNumber      `yaml:"decimals"`
	Direction   string           `yaml:"direction"`
	Method      string           `yaml:"method"`
	Baseline    *yearValueYAML   `yaml:"baseline"`
	Target      *yearValueYAML   `yaml:"target"`
	TargetNote  string           `yaml:"target_note"`
	Interim     []yearValueYAML  `yaml:"interim_targets"`
	Source      string           `yaml:"source"`
	Caveats     string           `yaml:"caveats"`
	Steward     string           `yaml:"steward"`
	Kind        string           `yaml:"kind"`
	Predicts    string           `yaml:"predicts"`
	Annotations []annotationYAML `yaml:"annotations"`
}

// bundle converts the file to domain types. Only the method and the
// suppression threshold have defaults (the product's documented ones);
// everything else, direction above all, must be written out.
func (f *fileYAML) bundle() *domain.Bundle {
	b := &domain.Bundle{Partnership: f.Partnership.domain()}
	for _, p := range f.Partners {
		b.Partners = append(b.Partners, p.domain())
	}
	for i, g := range f.Goals {
		b.Goals = append(b.Goals, domain.Goal{Slug: g.Slug, Title: g.Title, Description: g.Description, Position: i + 1})
	}
	for i, ind := range f.Indicators {
		b.Indicators = append(b.Indicators, ind.domain(i+1))
	}
	return b
}

func (p partnershipYAML) domain() domain.Partnership {
	threshold := domain.DefaultSuppressionThreshold
	if p.SuppressionThreshold != nil {
		threshold = int(*p.SuppressionThreshold)
	}
	return domain.Partnership{
		Slug: p.Slug, Name: p.Name, Region: p.Region, Vision: p.Vision,
		Backbone: p.Backbone, SuppressionThreshold: threshold, Published: p.Published,
	}
}

func (p partnerYAML) domain() domain.Partner {
	return domain.Partner{
		Slug: p.Slug, Name: p.Name, Sector: p.Sector, Website: p.Website,
		Description: p.Description, Contributes: append([]string{}, p.Contributes...),
	}
}

func (y *yearValueYAML) domain() *domain.YearValue {
	if y == nil {
		return nil
	}
	return &domain.YearValue{Year: int(y.Year), Value: float64(y.Value)}
}

func (ind indicatorYAML) domain(position int) domain.Indicator {
	method := domain.Method(ind.Method)
	if method == "" {
		method = domain.MethodLinear
	}
	out := domain.Indicator{
		Slug: ind.Slug, Goal: ind.Goal, Name: ind.Name, Definition: ind.Definition,
		Unit: domain.Unit(ind.Unit), RatePer: int(ind.RatePer), Decimals: int(ind.Decimals),
		Direction: domain.Direction(ind.Direction), Method: method,
		Baseline: ind.Baseline.domain(), Target: ind.Target.domain(), TargetNote: ind.TargetNote,
		Source: ind.Source, Caveats: ind.Caveats, Steward: ind.Steward,
		Kind: domain.Kind(ind.Kind), Predicts: ind.Predicts, Position: position,
	}
	for _, yv := range ind.Interim {
		out.Interim = append(out.Interim, *yv.domain())
	}
	for _, a := range ind.Annotations {
		out.Annotations = append(out.Annotations, domain.Annotation{Year: int(a.Year), Text: a.Text, Break: a.Break})
	}
	return out
}
