package store

import (
	"encoding/json"
	"fmt"

	"github.com/impactboard/impactboard/pkg/domain"
)

// ids maps slugs to row IDs and back within one partnership.
type ids struct {
	byID   map[int64]string
	bySlug map[string]int64
}

func newIDs() ids { return ids{byID: map[int64]string{}, bySlug: map[string]int64{}} }

func (m ids) add(id int64, slug string) {
	m.byID[id] = slug
	m.bySlug[slug] = id
}

// slug returns the slug of a nullable reference, "" for NULL.
func (m ids) slug(id *int64) string {
	if id == nil {
		return ""
	}
	return m.byID[*id]
}

// ref returns the ID of a slug as a nullable reference, NULL for "".
func (m ids) ref(slug string) *int64 {
	id, ok := m.bySlug[slug]
	if slug == "" || !ok {
		return nil
	}
	return &id
}

func partnershipToRow(p domain.Partnership, id int64, backbone *int64) partnershipRow {
	return partnershipRow{
		ID: id, Slug: p.Slug, Name: p.Name, Region: p.Region, Vision: p.Vision,
		BackbonePartnerID: backbone, SuppressionThreshold: p.SuppressionThreshold, Published: p.Published,
	}
}

func partnershipFromRow(r partnershipRow, backbone string) domain.Partnership {
	return domain.Partnership{
		ID: r.ID, Slug: r.Slug, Name: r.Name, Region: r.Region, Vision: r.Vision,
		Backbone: backbone, SuppressionThreshold: r.SuppressionThreshold, Published: r.Published,
	}
}

func partnerToRow(p domain.Partner, id, partnership int64) partnerRow {
	return partnerRow{
		ID: id, PartnershipID: partnership, Slug: p.Slug, Name: p.Name,
		Sector: p.Sector, Website: p.Website, Description: p.Description,
	}
}

func partnerFromRow(r partnerRow) domain.Partner {
	return domain.Partner{ID: r.ID, Slug: r.Slug, Name: r.Name, Sector: r.Sector, Website: r.Website, Description: r.Description}
}

func goalToRow(g domain.Goal, id, partnership int64) goalRow {
	return goalRow{ID: id, PartnershipID: partnership, Slug: g.Slug, Title: g.Title, Description: g.Description, Position: g.Position}
}

func goalFromRow(r goalRow) domain.Goal {
	return domain.Goal{ID: r.ID, Slug: r.Slug, Title: r.Title, Description: r.Description, Position: r.Position}
}

// indicatorRefs are an indicator's references, resolved to row IDs.
type indicatorRefs struct {
	partnership, goal int64
	steward, predicts *int64
}

func indicatorToRow(ind domain.Indicator, id int64, refs indicatorRefs) (indicatorRow, error) {
	interim, err := jsonList(ind.Interim)
	if err != nil {
		return indicatorRow{}, fmt.Errorf("indicator %s: interim targets: %w", ind.Slug, err)
	}
	notes, err := jsonList(ind.Annotations)
	if err != nil {
		return indicatorRow{}, fmt.Errorf("indicator %s: annotations: %w", ind.Slug, err)
	}
	r := indicatorRow{
		ID: id, PartnershipID: refs.partnership, GoalID: refs.goal, Slug: ind.Slug, Name: ind.Name,
		Definition: ind.Definition, Unit: string(ind.Unit), RatePer: ind.RatePer, Decimals: ind.Decimals,
		Direction: string(ind.Direction), Method: string(ind.Method), TargetNote: ind.TargetNote,
		InterimTargets: interim, Annotations: notes, Source: ind.Source, Caveats: ind.Caveats,
		StewardPartnerID: refs.steward, Kind: string(ind.Kind), PredictsIndicatorID: refs.predicts, Position: ind.Position,
	}
	r.BaselineYear, r.BaselineValue = splitYearValue(ind.Baseline)
	r.TargetYear, r.TargetValue = splitYearValue(ind.Target)
	return r, nil
}

// indicatorFromRow converts a row; goals, partners and indicators turn
// reference IDs back into slugs.
func indicatorFromRow(r indicatorRow, goals, partners, indicators ids) (domain.Indicator, error) {
	ind := domain.Indicator{
		ID: r.ID, Slug: r.Slug, Goal: goals.byID[r.GoalID], Name: r.Name, Definition: r.Definition,
		Unit: domain.Unit(r.Unit), RatePer: r.RatePer, Decimals: r.Decimals,
		Direction: domain.Direction(r.Direction), Method: domain.Method(r.Method),
		Baseline: joinYearValue(r.BaselineYear, r.BaselineValue), Target: joinYearValue(r.TargetYear, r.TargetValue),
		TargetNote: r.TargetNote, Source: r.Source, Caveats: r.Caveats, Steward: partners.slug(r.StewardPartnerID),
		Kind: domain.Kind(r.Kind), Predicts: indicators.slug(r.PredictsIndicatorID), Position: r.Position,
	}
	if err := parseList(r.InterimTargets, &ind.Interim); err != nil {
		return ind, fmt.Errorf("indicator %s: interim targets: %w", r.Slug, err)
	}
	if err := parseList(r.Annotations, &ind.Annotations); err != nil {
		return ind, fmt.Errorf("indicator %s: annotations: %w", r.Slug, err)
	}
	return ind, nil
}

func splitYearValue(yv *domain.YearValue) (*int, *float64) {
	if yv == nil {
		return nil, nil
	}
	y, v := yv.Year, yv.Value
	return &y, &v
}

func joinYearValue(y *int, v *float64) *domain.YearValue {
	if y == nil || v == nil {
		return nil
	}
	return &domain.YearValue{Year: *y, Value: *v}
}

// jsonList encodes a list column; an empty list is "[]", never "null".
func jsonList[T any](list []T) (string, error) {
	if len(list) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(list)
	return string(b), err
}

// parseList decodes a list column, leaving dst nil for an empty list as the
// domain's own zero value does.
func parseList[T any](s string, dst *[]T) error {
	if err := json.Unmarshal([]byte(s), dst); err != nil {
		return err
	}
	if len(*dst) == 0 {
		*dst = nil
	}
	return nil
}

func measurementToRow(m domain.Measurement, id, indicator int64) measurementRow {
	return measurementRow{
		ID: id, IndicatorID: indicator, Year: m.Year, Dimension: m.Dimension, Grp: m.Group,
		Value: m.Value, Numerator: m.Numerator, Denominator: m.Denominator, Note: m.Note, Source: m.Source,
		Status: string(m.Status), EnteredBy: m.EnteredBy, EnteredAt: m.EnteredAt.UTC(),
	}
}

func measurementFromView(v measurementView) domain.Measurement {
	r := v.Row
	return domain.Measurement{
		ID: r.ID, Indicator: v.IndicatorSlug, Year: r.Year, Dimension: r.Dimension, Group: r.Grp,
		Value: r.Value, Numerator: r.Numerator, Denominator: r.Denominator, Note: r.Note, Source: r.Source,
		Status: domain.MeasurementStatus(r.Status), EnteredBy: r.EnteredBy, EnteredAt: r.EnteredAt.UTC(),
	}
}

func comparisonToRow(c domain.Comparison, id, indicator int64) comparisonRow {
	return comparisonRow{
		ID: id, IndicatorID: indicator, Geography: c.Geography, Dimension: c.Dimension, Grp: c.Group,
		Year: c.Year, Value: c.Value, Note: c.Note, Source: c.Source,
	}
}

func comparisonFromView(v comparisonView) domain.Comparison {
	r := v.Row
	return domain.Comparison{
		ID: r.ID, Indicator: v.IndicatorSlug, Geography: r.Geography, Dimension: r.Dimension, Group: r.Grp,
		Year: r.Year, Value: r.Value, Note: r.Note, Source: r.Source,
	}
}

func auditFromRow(r auditRow, partnership string) domain.AuditEntry {
	return domain.AuditEntry{
		ID: r.ID, Partnership: partnership, Entity: r.Entity, Key: r.EntityKey, Action: r.Action,
		Old: r.OldValue, New: r.NewValue, Actor: r.Actor, At: r.At.UTC(), Comment: r.Comment,
	}
}
