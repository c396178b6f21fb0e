package snapshot_test

import (
	"bytes"
	htmlpkg "html"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/snapshot"
)

// overlayFS is pkg/web's static folder, optionally with a replaced file.
type overlayFS struct{ extra fstest.MapFS }

func (o *overlayFS) Open(name string) (fs.File, error) {
	if _, ok := o.extra[name]; ok {
		return o.extra.Open(name)
	}
	return os.DirFS("../web/static").Open(name)
}

func renderHTML(t *testing.T, title string, files *overlayFS) string {
	t.Helper()
	_, content := build(t, title)
	var buf bytes.Buffer
	if err := snapshot.Write(&buf, "html", content, snapshot.Checksum(content), files); err != nil {
		t.Fatalf("Write html: %v", err)
	}
	return buf.String()
}

func TestHTMLIsSelfContained(t *testing.T) {
	_, content := build(t, "March 2026")
	html := renderHTML(t, "March 2026", assets())
	for _, want := range []string{"Snapshot taken", "1 March 2026, 09:30 UTC by Ana Board", snapshot.Checksum(content),
		"Board packet", "data-echarts-option=", "window.impactboardCharts", "@media print", "Content-Security-Policy"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if n := strings.Count(html, "<script"); n != 2 {
		t.Errorf("%d script elements, want 2 (ECharts and charts.js)", n)
	}
	// Nothing is loaded from anywhere: no src attribute at all, and the
	// only href values are in-page anchors, data: and the sources' links.
	markup := regexp.MustCompile(`(?s)<script>.*?</script>`).ReplaceAllString(html, "")
	if regexp.MustCompile(`\ssrc=`).MatchString(markup) {
		t.Error("the HTML loads something with src=")
	}
	for _, m := range regexp.MustCompile(`<(link|a)\s[^>]*href="([^"]*)"`).FindAllStringSubmatch(html, -1) {
		if m[1] == "link" && m[2] != "data:," || m[1] == "a" && !strings.HasPrefix(m[2], "#") && !strings.HasPrefix(m[2], "http") {
			t.Errorf("unexpected reference <%s href=%q>", m[1], m[2])
		}
	}
	csp := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindStringSubmatch(markup)
	if csp == nil {
		t.Fatal("no CSP")
	}
	if policy := htmlpkg.UnescapeString(csp[1]); !strings.Contains(policy, "default-src 'none'") || strings.Count(policy, "'sha256-") != 3 || strings.Contains(policy, "unsafe") {
		t.Errorf("CSP = %q, want default-src 'none' and three hashes", csp)
	}
}

func TestHTMLEscapesHostileText(t *testing.T) {
	html := renderHTML(t, `</script><script>alert(1)</script>`, assets())
	if strings.Contains(html, "<script>alert(1)") {
		t.Error("a hostile title became markup")
	}
}

func TestHTMLEscapesScriptEndInAssets(t *testing.T) {
	files := &overlayFS{extra: fstest.MapFS{"charts.js": {Data: []byte(`var s = "</SCRIPT><!-- x";`)}}}
	html := renderHTML(t, "March", files)
	if !strings.Contains(html, `var s = "<\/SCRIPT><\!-- x";`) {
		t.Error("an inline script's </script was not escaped")
	}
}

// TestHTMLNamesTheAuthorOnce: the email follows the name in brackets, but
// not when the name is the email or is empty.
func TestHTMLNamesTheAuthorOnce(t *testing.T) {
	tests := []struct {
		name string
		by   domain.Author
		want string
	}{
		{"name and email", domain.Author{Name: "Ana Board", Email: "ana@example.org"}, "by Ana Board (ana@example.org)"},
		{"name is the email", domain.Author{Name: "board@x.org", Email: "board@x.org"}, "by board@x.org<"},
		{"name is the email in capitals", domain.Author{Name: "Board@X.org", Email: "board@x.org"}, "by Board@X.org<"},
		{"no name", domain.Author{Email: "board@x.org"}, "by board@x.org<"},
		{"no email", domain.Author{Name: "Ana Board"}, "by Ana Board<"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := build(t, "March")
			d.TakenBy = tt.by
			content, err := snapshot.Encode(d)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := snapshot.Write(&buf, "html", content, snapshot.Checksum(content), assets()); err != nil {
				t.Fatalf("Write html: %v", err)
			}
			line := regexp.MustCompile(`<dt>Snapshot taken</dt><dd>[^\n]*`).FindString(buf.String())
			if !strings.Contains(line, tt.want) {
				t.Errorf("author line = %q, want it to contain %q", line, tt.want)
			}
		})
	}
}
