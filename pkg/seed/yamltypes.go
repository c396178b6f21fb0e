package seed

import (
	"fmt"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/impactboard/impactboard/pkg/domain"
)

// wholeNumber is a year or a count. yaml.v3 would silently truncate 2019.5
// into an int; this refuses it.
type wholeNumber int

// number is a value, parsed by the same rule as the CSV files so that .nan,
// .inf, hex and exponents are refused in both places.
type number float64

var wholePattern = regexp.MustCompile(`^-?[0-9]+$`)

// UnmarshalYAML implements yaml.Unmarshaler.
func (w *wholeNumber) UnmarshalYAML(n *yaml.Node) error {
	if !plainScalar(n) || !wholePattern.MatchString(n.Value) {
		return nodeError(n, fmt.Sprintf("%s is not a whole number (e.g. 2019)", describe(n)))
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil {
		return nodeError(n, fmt.Sprintf("%s is out of range", describe(n)))
	}
	*w = wholeNumber(v)
	return nil
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (x *number) UnmarshalYAML(n *yaml.Node) error {
	if !plainScalar(n) {
		return nodeError(n, fmt.Sprintf("%s is not a number (e.g. 84.5)", describe(n)))
	}
	v, err := domain.ParseNumber(n.Value)
	if err != nil {
		return nodeError(n, err.Error())
	}
	*x = number(v)
	return nil
}

// plainScalar reports whether n is an unquoted scalar: a quoted "59" is
// text in YAML, and accepting it as a number would hide a typo.
func plainScalar(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0
}

// nodeError reports a problem the way yaml.v3 reports its own type errors,
// so decoding goes on and every problem is listed with its line.
func nodeError(n *yaml.Node, msg string) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s", n.Line, msg)}}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return strconv.Quote(n.Value)
}
