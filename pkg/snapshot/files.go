package snapshot

import (
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
)

// Formats lists the file formats a snapshot downloads as.
var Formats = []string{"html", "csv", "xlsx", "json"}

var contentTypes = map[string]string{
	"html": "text/html; charset=utf-8",
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"json": "application/json",
}

// ContentType is the MIME type of a format ("" for an unknown one).
func ContentType(format string) string { return contentTypes[format] }

// Filename is the name a downloaded file gets, e.g.
// anchorage-90-by-2020-snapshot-2026-11-23-1a2b3c4d.html.
func Filename(s domain.Snapshot, format string) string {
	id := s.ID
	if len(id) > 8 {
		id = id[:8]
	}
	return fmt.Sprintf("%s-snapshot-%s-%s.%s", s.Partnership, s.CreatedAt.UTC().Format("2006-01-02"), id, format)
}

// Write writes stored content (checked against sha) in a format. JSON is
// the stored bytes themselves; the others are rendered from the decoded
// document only. assets is needed for HTML (see HTML).
func Write(w io.Writer, format string, content []byte, sha string, assets fs.FS) error {
	if ContentType(format) == "" {
		return domain.Errorf(domain.EINVALID, "unknown snapshot format %q: use html, csv, xlsx or json", format)
	}
	if err := Verify(content, sha); err != nil {
		return err
	}
	if format == "json" {
		_, err := w.Write(content)
		return err
	}
	d, err := Decode(content)
	if err != nil {
		return err
	}
	switch format {
	case "html":
		return HTML(w, d, sha, assets)
	case "csv":
		return export.CSV(w, d.Report())
	}
	return export.XLSX(w, d.Report(), d.TakenAt, d.about(sha)...)
}

// about heads the XLSX Summary with what identifies the snapshot, so a
// sheet printed from the workbook can be traced back to it. The CSV stays
// the tidy import form, with no such lines.
func (d *Document) about(sha string) []export.About {
	return []export.About{
		{Label: "Snapshot", Value: d.Title},
		{Label: "Snapshot id", Value: d.ID},
		{Label: "Snapshot taken", Value: d.TakenAt.UTC().Format(time.RFC3339)},
		{Label: "SHA-256 of the snapshot's JSON", Value: sha},
	}
}

// Report rebuilds the report of the frozen bundle, as it was assessed when
// the snapshot was taken, for the exporters.
func (d *Document) Report() *report.Partnership {
	return report.Build(d.Bundle, audience, d.Year)
}
