package seed

import (
	"slices"

	"gopkg.in/yaml.v3"
)

// document finds the line of a key in partnership.yaml, and which item of a
// list holds a given slug.
type document struct {
	root  *yaml.Node
	slugs map[string][]string // list key ("indicators") -> slugs in file order
}

func newDocument(root *yaml.Node) *document {
	d := &document{root: root, slugs: map[string][]string{}}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		d.root = root.Content[0]
	}
	return d
}

func (d *document) index(f *fileYAML) {
	for _, p := range f.Partners {
		d.slugs["partners"] = append(d.slugs["partners"], p.Slug)
	}
	for _, g := range f.Goals {
		d.slugs["goals"] = append(d.slugs["goals"], g.Slug)
	}
	for _, ind := range f.Indicators {
		d.slugs["indicators"] = append(d.slugs["indicators"], ind.Slug)
	}
}

// item returns the position of slug in a list, or -1. A slug used twice is
// reported at its second use, where the editor added the duplicate.
func (d *document) item(list, slug string, second bool) int {
	slugs := d.slugs[list]
	i := slices.Index(slugs, slug)
	if second && i >= 0 {
		if j := slices.Index(slugs[i+1:], slug); j >= 0 {
			return i + 1 + j
		}
	}
	return i
}

// line follows path (map keys and list indexes) and returns the line of its
// last step. When a step is missing, as a required key left out is, it
// returns the line of the deepest node found so the message still points
// at the right item.
func (d *document) line(path []any) int {
	if d == nil || d.root == nil {
		return 0
	}
	n, line := d.root, d.root.Line
	for _, step := range path {
		var at int
		if n, at = child(n, step); n == nil {
			return line
		}
		line = at
	}
	return line
}

func child(n *yaml.Node, step any) (*yaml.Node, int) {
	switch s := step.(type) {
	case string:
		if n.Kind != yaml.MappingNode {
			return nil, 0
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == s {
				return n.Content[i+1], n.Content[i].Line
			}
		}
	case int:
		if n.Kind == yaml.SequenceNode && s >= 0 && s < len(n.Content) {
			return n.Content[s], n.Content[s].Line
		}
	}
	return nil, 0
}

// keyAt returns the key written on line, to name the field of a yaml.v3
// error that gives only a line.
func (d *document) keyAt(line int) string {
	if d == nil || d.root == nil {
		return ""
	}
	return keyAt(d.root, line)
}

func keyAt(n *yaml.Node, line int) string {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Line == line {
				return n.Content[i].Value
			}
		}
	}
	for _, c := range n.Content {
		if c.Line <= line {
			if k := keyAt(c, line); k != "" {
				return k
			}
		}
	}
	return ""
}
