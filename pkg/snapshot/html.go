package snapshot

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
)

//go:embed templates/snapshot.html
var templateFiles embed.FS

var page = template.Must(template.New("snapshot.html").Funcs(template.FuncMap{
	"date":     func(t time.Time) string { return t.UTC().Format("2 January 2006") },
	"datetime": func(t time.Time) string { return t.UTC().Format("2 January 2006, 15:04 UTC") },
	"takenBy":  takenBy,
	"isURL": func(s string) bool {
		return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
	},
	// indicator and goal are set per document in HTML.
	"indicator": func(string) *Indicator { return nil },
	"goal":      func(string) *Goal { return nil },
}).ParseFS(templateFiles, "templates/snapshot.html"))

// takenBy is who took the snapshot as shown: the name, and the email in
// brackets after it unless the name is the email or is empty (Label is then
// the email), so "board@x.org (board@x.org)" is never shown.
func takenBy(a domain.Author) string {
	label := a.Label()
	if a.Email == "" || strings.EqualFold(strings.TrimSpace(label), strings.TrimSpace(a.Email)) {
		return label
	}
	return label + " (" + a.Email + ")"
}

// Static files the HTML inlines, as named in the assets file system
// (pkg/web's StaticFS: the files the live pages load).
const (
	cssFile     = "app.css"
	chartsFile  = "charts.js"
	echartsFile = "vendor/echarts/echarts.min.js"
)

// snapshotCSS adds what only the snapshot page needs to the site's styles.
const snapshotCSS = `
.snapshot-meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 1rem 0; }
.snapshot-meta dt { font-weight: 600; }
.snapshot-meta dd { margin: 0; }
.checksum { overflow-wrap: anywhere; }
.notice { border-left: 4px solid var(--oi-orange); background: var(--warn-bg); padding: 0.5rem 0.75rem; }
.snapshot-note { white-space: pre-line; }
.snapshot-dashboard { margin-top: 2rem; }
.snapshot td.source { font-size: 0.8em; overflow-wrap: anywhere; min-width: 16rem; }
.snapshot td.note { min-width: 10rem; }
@media print {
  /* Long tables continue on the next page rather than jumping to it whole. */
  .snapshot table.data { break-inside: auto; page-break-inside: auto; }
  .snapshot-toc { display: none; }
  .snapshot-dashboard, #indicators { break-before: page; page-break-before: always; }
  .checksum { font-size: 8pt; }
}
`

type htmlPage struct {
	D       *Document
	SHA256  string
	CSP     string
	CSS     template.CSS
	ECharts template.JS
	// The template field is named after the file.
	ChartsJS template.JS
}

// HTML writes the document as one self-contained page: the site's CSS,
// ECharts and the chart start-up script are inline, so it opens offline
// and makes no request. A Content-Security-Policy allows exactly those two
// scripts and that style sheet (by hash) and nothing from any address.
// assets holds app.css, charts.js and vendor/echarts/echarts.min.js.
func HTML(w io.Writer, d *Document, sha string, assets fs.FS) error {
	css, err := fs.ReadFile(assets, cssFile)
	if err != nil {
		return fmt.Errorf("snapshot html: %w", err)
	}
	ech, err := readScript(assets, echartsFile)
	if err != nil {
		return err
	}
	cjs, err := readScript(assets, chartsFile)
	if err != nil {
		return err
	}
	style := strings.ReplaceAll(string(css)+snapshotCSS, "</", `<\/`)
	p := htmlPage{D: d, SHA256: sha, CSS: template.CSS(style), ECharts: template.JS(ech), ChartsJS: template.JS(cjs)}
	p.CSP = fmt.Sprintf("default-src 'none'; script-src %s %s; style-src %s; img-src data:; base-uri 'none'; form-action 'none'",
		hashSource(ech), hashSource(cjs), hashSource(style))
	t, err := page.Clone()
	if err != nil {
		return err
	}
	t.Funcs(template.FuncMap{"indicator": d.Indicator, "goal": d.Goal})
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		return fmt.Errorf("snapshot html: %w", err)
	}
	_, err = buf.WriteTo(w)
	return err
}

// scriptEnd finds what would end or confuse an inline <script> element.
var scriptEnd = regexp.MustCompile(`(?i)</script|<!--`)

// readScript reads a script for inlining, escaping "</script" and "<!--"
// (as "<\/script" and "<\!--", the same text inside a JavaScript string or
// regular expression) so the script cannot end its element early.
func readScript(assets fs.FS, name string) (string, error) {
	b, err := fs.ReadFile(assets, name)
	if err != nil {
		return "", fmt.Errorf("snapshot html: %w", err)
	}
	return scriptEnd.ReplaceAllStringFunc(string(b), func(m string) string { return m[:1] + `\` + m[1:] }), nil
}

func hashSource(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
