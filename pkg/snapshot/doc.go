// Package snapshot freezes a partnership's dashboards and data into one
// immutable document, and writes that document as the files board members
// take away: a self-contained HTML page, CSV, XLSX and JSON.
//
// # What is frozen, and for whom
//
// A snapshot is for the partnership's members (anyone with
// domain.ActViewPrivate may list and download it), so it is built with the
// members' view: approved figures only (nothing pending, draft or
// returned), small cells shown, every dashboard whatever its audience. The
// partnership's suppression threshold is recorded and the HTML says the
// file holds figures under it and is not for publication.
//
// The Document holds everything as of that moment: the partnership, its
// agenda, each indicator with its approved figures, status and summary, the
// headline, each dashboard with its panels resolved, and every chart's
// ECharts option JSON, built by pkg/charts exactly as the live pages build
// it. It also keeps the frozen bundle (approved figures, without who
// entered them), from which the CSV and XLSX files are written by
// pkg/export.
//
// Encode gives the document's canonical bytes (encoding/json of fixed
// structs: fields in declaration order, map keys sorted); the store keeps
// those bytes and their SHA-256. Every renderer reads the stored bytes
// only, never the live database, so later edits cannot change a snapshot.
// The JSON download is the stored bytes themselves, so its SHA-256 is the
// snapshot's checksum. CSV and XLSX are regenerated from the frozen bundle:
// their figures cannot change, their layout follows the program version.
package snapshot
