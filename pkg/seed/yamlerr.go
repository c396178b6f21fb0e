package seed

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

var (
	yamlLine    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlUnknown = regexp.MustCompile(`^field (\S+) not found in type seed\.(\w+)$`)
	yamlType    = regexp.MustCompile("^cannot unmarshal !!(\\w+) (?:`(.*)` )?into (\\S+)$")
)

// yamlKinds names the private structs in messages, which must not show Go
// type names to an editor.
var yamlKinds = map[string]string{
	"fileYAML": "top-level", "partnershipYAML": "partnership", "partnerYAML": "partner",
	"goalYAML": "goal", "indicatorYAML": "indicator", "yearValueYAML": "year/value",
	"annotationYAML": "annotation",
}

// yamlErrors records each problem of a yaml.v3 error at its line.
func (l *loader) yamlErrors(err error) {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		line, msg := 0, strings.TrimPrefix(m, "yaml: ")
		if sub := yamlLine.FindStringSubmatch(m); sub != nil {
			line, _ = strconv.Atoi(sub[1])
			msg = sub[2]
		}
		field, msg := l.explain(line, msg)
		l.fail(PartnershipFile, line, field, msg)
	}
}

// explain rewrites yaml.v3's wording for an editor and names the key.
func (l *loader) explain(line int, msg string) (field, message string) {
	if sub := yamlUnknown.FindStringSubmatch(msg); sub != nil {
		return sub[1], fmt.Sprintf("is not a known %s field (check the spelling; seed/README.md lists the fields)", yamlKinds[sub[2]])
	}
	field = l.doc.keyAt(line)
	if field == "" {
		field = "yaml"
	}
	if sub := yamlType.FindStringSubmatch(msg); sub != nil {
		return field, fmt.Sprintf("expected %s, found %s", goKind(sub[3]), yamlKind(sub[1], sub[2]))
	}
	return field, msg
}

func goKind(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "seed.") || strings.HasPrefix(t, "*seed."):
		return "a mapping (key: value lines)"
	case t == "bool":
		return "true or false"
	case t == "string":
		return "text"
	}
	return "a " + t
}

func yamlKind(tag, value string) string {
	switch tag {
	case "seq":
		return "a list"
	case "map":
		return "a mapping"
	}
	return strconv.Quote(value)
}
