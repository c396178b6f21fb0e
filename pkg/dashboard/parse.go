package dashboard

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

var (
	topKeys   = []string{"title", "description", "audience", "panels"}
	panelKeys = []string{"type", "indicator", "goal", "dimension", "reference", "title", "note"}
	// dataKeys are the panel keys that only some panel types take.
	dataKeys = []string{"indicator", "goal", "dimension", "reference"}
	// panelNeeds says which data keys each panel type requires; it takes
	// exactly those, plus title and note.
	panelNeeds = map[PanelType][]string{
		PanelProgress:  {"indicator"},
		PanelSubgroup:  {"indicator", "dimension"},
		PanelEquityGap: {"indicator", "dimension", "reference"},
		PanelScorecard: {"goal"},
		PanelTable:     {"indicator"},
		PanelHeadline:  {},
	}
)

// Parse reads one dashboard file. file is the path relative to the
// dashboards folder ("<partnership>/<dashboard>.yaml"): it names the
// dashboard and its partnership, and every message starts with it. Parse is
// strict: anything it cannot interpret is an error, so a typo never hides a
// panel. The error is a *domain.Error (EINVALID) listing every problem as
// "FILE:LINE: problem".
func Parse(file string, data []byte) (*Dashboard, error) {
	d, ps := parse(file, data)
	if err := ps.err("invalid dashboard"); err != nil {
		return nil, err
	}
	return d, nil
}

func parse(file string, data []byte) (*Dashboard, problems) {
	f := &fileParser{file: file}
	d := &Dashboard{File: file, Partnership: partnershipOf(file), Slug: slugOf(file)}
	if root := f.document(data); root != nil {
		f.dashboard(d, root)
	}
	f.ps.sortByLine()
	return d, f.ps
}

func partnershipOf(file string) string {
	dir := path.Dir(file)
	if dir == "." {
		return ""
	}
	return path.Base(dir)
}

func slugOf(file string) string {
	base := path.Base(file)
	return strings.TrimSuffix(base, path.Ext(base))
}

type fileParser struct {
	file string
	ps   problems
}

func (f *fileParser) at(line int, format string, args ...any) {
	f.ps.add(f.file, line, format, args...)
}

// document returns the top node of the file's only YAML document.
func (f *fileParser) document(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		f.syntax(err)
		return nil
	}
	if len(doc.Content) == 0 {
		f.at(1, "the file is empty: a dashboard needs a title, an audience and panels")
		return nil
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		f.at(next.Line, "a second YAML document (after \"---\"): put each dashboard in its own file")
	} else if !errors.Is(err, io.EOF) {
		f.syntax(err)
	}
	return doc.Content[0]
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntax reports a YAML syntax error at the line yaml gives, or line 1 when
// it gives none (it omits the line for errors on the first line).
func (f *fileParser) syntax(err error) {
	msg, line := strings.TrimPrefix(err.Error(), "yaml: "), 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if strings.Contains(msg, "tab character") {
		msg += " (indent with spaces, not tabs)"
	}
	f.at(line, "YAML syntax error: %s", msg)
}

func (f *fileParser) dashboard(d *Dashboard, n *yaml.Node) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		f.at(n.Line, "a dashboard file is a set of \"key: value\" lines (title, description, audience, panels), not %s", kindName(n))
		return
	}
	kv := f.fields(n, topKeys, "")
	d.Title = f.required(n, kv, "", "title")
	d.Description = f.text(kv, "", "description")
	d.Audience = Audience(f.required(n, kv, "", "audience"))
	if e, ok := kv["audience"]; ok && d.Audience != "" && !slices.Contains(Audiences, d.Audience) {
		f.at(e.val.Line, "audience %q must be public, partners or board%s", d.Audience, suggest(string(d.Audience), []string{"public", "partners", "board"}))
	}
	d.Panels = f.panels(n, kv)
}

func (f *fileParser) panels(n *yaml.Node, kv map[string]entry) []Panel {
	e, ok := kv["panels"]
	switch {
	case !ok:
		f.at(n.Line, "panels is required: a dashboard needs at least one panel")
		return nil
	case e.val.Kind == yaml.ScalarNode && e.val.Tag == "!!null",
		e.val.Kind == yaml.SequenceNode && len(e.val.Content) == 0:
		f.at(e.key.Line, "panels is empty: a dashboard needs at least one panel")
		return nil
	case e.val.Kind != yaml.SequenceNode:
		f.at(e.val.Line, "panels must be a list, each panel starting with \"- type:\", not %s", kindName(e.val))
		return nil
	}
	out := make([]Panel, 0, len(e.val.Content))
	for i, item := range e.val.Content {
		out = append(out, f.panel(i+1, resolve(item)))
	}
	f.repeats(out)
	return out
}

func (f *fileParser) panel(num int, n *yaml.Node) Panel {
	prefix := fmt.Sprintf("panel %d: ", num)
	p := Panel{Line: n.Line, lines: map[string]int{}}
	if n.Kind != yaml.MappingNode {
		f.at(n.Line, "%sa panel is a set of \"key: value\" lines starting with \"type:\", not %s", prefix, kindName(n))
		return p
	}
	kv := f.fields(n, panelKeys, prefix)
	p.Type = PanelType(f.required(n, kv, prefix, "type"))
	text := map[string]string{}
	for _, k := range panelKeys[1:] {
		text[k] = f.text(kv, prefix, k)
		if e, ok := kv[k]; ok {
			p.lines[k] = e.key.Line
		}
	}
	p.Indicator, p.Goal, p.Dimension, p.Reference = text["indicator"], text["goal"], text["dimension"], text["reference"]
	p.Title, p.Note = text["title"], text["note"]
	need, known := panelNeeds[p.Type]
	if p.Type != "" && !known {
		f.at(kv["type"].val.Line, "%sunknown panel type %q: use %s%s", prefix, p.Type, typeList(), suggest(string(p.Type), typeNames()))
		return p
	}
	if known {
		f.fit(p, n, kv, need, prefix)
	}
	return p
}

// fit reports the data keys a panel of this type needs but lacks, and those
// it was given but does not use: a stray key usually means the wrong type.
func (f *fileParser) fit(p Panel, n *yaml.Node, kv map[string]entry, need []string, prefix string) {
	for _, k := range need {
		if e, given := kv[k]; !given {
			f.at(n.Line, "%s%s is required for %s panel", prefix, k, withArticle(p.Type))
		} else if strings.TrimSpace(e.val.Value) == "" && e.val.Kind == yaml.ScalarNode {
			f.at(e.key.Line, "%s%s is required for %s panel", prefix, k, withArticle(p.Type))
		}
	}
	for _, k := range dataKeys {
		if e, given := kv[k]; given && !slices.Contains(need, k) {
			f.at(e.key.Line, "%s%s is not used by %s panel (it takes %s)", prefix, k, withArticle(p.Type), takes(need))
		}
	}
}

func takes(need []string) string {
	if len(need) == 0 {
		return "only title and note"
	}
	return strings.Join(need, ", ") + ", title and note"
}

// withArticle returns "a progress", "an equity_gap".
func withArticle(t PanelType) string {
	if t != "" && strings.ContainsRune("aeiou", rune(t[0])) {
		return "an " + string(t)
	}
	return "a " + string(t)
}

func typeNames() []string {
	names := make([]string, len(PanelTypes))
	for i, t := range PanelTypes {
		names[i] = string(t)
	}
	return names
}

func typeList() string { return strings.Join(typeNames(), ", ") }
