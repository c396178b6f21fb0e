// Package export writes a partnership's report as files people take away:
// CSV in the tidy long form that import reads back, an XLSX workbook and a
// versioned JSON document. Every function reads a *report.Partnership, so
// small-number suppression is whatever the report's audience allows, the
// same as on the pages and the API; the raw bundle behind the report is
// never read for figures. Output is written as it is produced, row by row
// or indicator by indicator, so memory does not grow with the data.
//
// Spreadsheet programs run a text cell that starts with = + - @ tab or CR
// as a formula, so CSV and XLSX text cells go through SafeCell. Numbers are
// written as numbers and never touched: -3.5 stays -3.5.
//
// # JSON document, version 1
//
//	{
//	  "format": "impactboard-export",     always this string
//	  "version": 1,                       raised when a field changes meaning or goes away
//	  "generated_at": "2026-03-01T12:00:00Z",
//	  "partnership": {slug, name, region, vision, backbone, suppression_threshold, published},
//	  "headline": {moving, measured, on_track, with_target, total, text},
//	  "goals": [{slug, title, description, position, indicators: [indicator slugs]}],
//	  "partners": [{slug, name, sector, website, description, contributes: [indicator slugs]}],
//	  "indicators": [{
//	    slug, goal, name, definition, unit, rate_per, decimals, direction, method,
//	    baseline, target, target_note, interim_targets, source, caveats, steward,
//	    kind, predicts, annotations, position,      as in the partnership's files
//	    "progress": {status, label, ratio, method, method_note, baseline, latest,
//	                 target, expected_at_latest_year, change_since_baseline,
//	                 improving, stale, projection: {value_at_target_year, year_reached},
//	                 summary},
//	    "measurements": [{year, dimension, group, value, suppressed, numerator,
//	                      denominator, note, source, status}],
//	    "comparisons": [{indicator, geography, dimension, group, year, value, note, source}]
//	  }]
//	}
//
// Entities have the fields of the partnership's files and of the API; an
// optional field (a partner's website, an indicator's caveats, ...) is left
// out when empty. A year/value pair (baseline, latest, target) is
// {"year": 2019, "value": 84} or null. In a measurement, dimension and group are "" for all groups; value,
// numerator and denominator are null when the figure is suppressed (then
// suppressed is true) and numerator and denominator are null when unknown.
// Text is not neutralised in JSON: it is data, not a spreadsheet.
package export
