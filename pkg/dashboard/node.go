package dashboard

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// entry is one "key: value" pair of a YAML mapping.
type entry struct{ key, val *yaml.Node }

// fields returns the pairs of mapping n by key, reporting keys that are not
// in known and keys given twice (yaml.v3 keeps both silently in a node tree).
func (f *fileParser) fields(n *yaml.Node, known []string, prefix string) map[string]entry {
	out := map[string]entry{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		first, dup := out[k.Value]
		switch {
		case k.Kind != yaml.ScalarNode || !slices.Contains(known, k.Value):
			f.at(k.Line, "%sunknown key %q%s", prefix, keyText(k), suggestKey(keyText(k), known))
		case dup:
			f.at(k.Line, "%s%s is given twice (first on line %d)", prefix, k.Value, first.key.Line)
		default:
			out[k.Value] = entry{key: k, val: v}
		}
	}
	return out
}

// text returns the value of an optional text key, "" when absent or null.
// Numbers and other plain values are taken as written: "title: 2020" is a
// fine title.
func (f *fileParser) text(kv map[string]entry, prefix, key string) string {
	e, ok := kv[key]
	if !ok {
		return ""
	}
	if e.val.Kind != yaml.ScalarNode {
		f.at(e.val.Line, "%s%s must be text, not %s", prefix, key, kindName(e.val))
		return ""
	}
	if e.val.Tag == "!!null" {
		return ""
	}
	return strings.TrimSpace(e.val.Value)
}

// required is text for a key that must be given and not blank; the problem
// points at the key when present, else at the start of its mapping.
func (f *fileParser) required(n *yaml.Node, kv map[string]entry, prefix, key string) string {
	s := f.text(kv, prefix, key)
	if e, ok := kv[key]; !ok {
		f.at(n.Line, "%s%s is required", prefix, key)
	} else if s == "" && e.val.Kind == yaml.ScalarNode {
		f.at(e.key.Line, "%s%s is required", prefix, key)
	}
	return s
}

// resolve follows YAML aliases (*name) to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of \"key: value\" lines"
	case yaml.SequenceNode:
		return "a list"
	default:
		return fmt.Sprintf("the value %q", n.Value)
	}
}

func keyText(k *yaml.Node) string {
	if k.Kind != yaml.ScalarNode {
		return "(" + strings.TrimPrefix(kindName(k), "a ") + ")"
	}
	return k.Value
}
