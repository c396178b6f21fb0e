package web

import (
	"bytes"
	"cmp"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

// maxJSONBody bounds a JSON request body. The server-wide body limit is
// the same; this keeps a JSON route bounded should it be given a larger one.
const maxJSONBody = 1 << 20

// decodeJSON reads a body that is exactly one JSON object into v, what
// naming it in messages. It is strict at every depth: an unknown field, a
// key that matches a field only when case is ignored (encoding/json would
// take "Value" for "value"), a key given twice (encoding/json would keep
// the last) or anything after the object is EINVALID, naming the key and
// where it is ("measurements[0]: unknown field \"Value\""). It returns the
// object's top-level keys, for the few fields whose absence means "keep
// what is stored".
func decodeJSON(c echo.Context, v any, what string) (map[string]bool, error) {
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxJSONBody+1))
	if err != nil {
		return nil, err // too large: the body limit's own error
	} else if len(body) > maxJSONBody {
		return nil, echo.ErrStatusRequestEntityTooLarge
	}
	present, err := strictKeys(body, reflect.TypeOf(v))
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "the request body is not a valid %s: %v", what, err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return nil, domain.Errorf(domain.EINVALID, "the request body is not a valid %s: %v", what, err)
	}
	return present, nil
}

// strictKeys checks that body is one JSON object whose keys, at every
// depth, are each given once and name a field of t exactly, and returns
// the top-level keys.
func strictKeys(body []byte, t reflect.Type) (map[string]bool, error) {
	w := &keyWalker{dec: json.NewDecoder(bytes.NewReader(body)), fields: map[reflect.Type]map[string]reflect.Type{}}
	w.dec.UseNumber() // 1e309 is the item's problem (apiFigureNumber), not the body's
	if tok, err := w.dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("it must be a JSON object")
	}
	present, err := w.object(decodedAs(t), "")
	if err != nil {
		return nil, err
	}
	if _, err := w.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("it holds more than one JSON value")
	}
	return present, nil
}

// keyWalker reads a JSON value token by token alongside the Go type it
// will be decoded into; a nil type means "any keys" (a map of anything, an
// interface, a type with its own UnmarshalJSON), where only repeats count.
type keyWalker struct {
	dec    *json.Decoder
	fields map[reflect.Type]map[string]reflect.Type // cache of jsonFields
}

func (w *keyWalker) value(t reflect.Type, path string) error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		_, err = w.object(t, path)
	case json.Delim('['):
		err = w.array(t, path)
	}
	return err
}

// object reads an object's members after its '{', through its '}'.
func (w *keyWalker) object(t reflect.Type, path string) (map[string]bool, error) {
	present := map[string]bool{}
	for w.dec.More() {
		tok, err := w.dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		if present[key] {
			return nil, fmt.Errorf("%sthe field %s is given twice", at(path), key)
		}
		present[key] = true
		ft, err := w.member(t, key)
		if err != nil {
			return nil, fmt.Errorf("%s%w", at(path), err)
		}
		if err := w.value(ft, joinPath(path, key)); err != nil {
			return nil, err
		}
	}
	_, err := w.dec.Token() // '}'
	return present, err
}

func (w *keyWalker) array(t reflect.Type, path string) error {
	var elem reflect.Type
	if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		elem = decodedAs(t.Elem())
	}
	for i := 0; w.dec.More(); i++ {
		if err := w.value(elem, fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	_, err := w.dec.Token() // ']'
	return err
}

// member is the type key decodes into within t, or an error when t is a
// struct without a field named exactly key.
func (w *keyWalker) member(t reflect.Type, key string) (reflect.Type, error) {
	switch {
	case t == nil:
		return nil, nil
	case t.Kind() == reflect.Map:
		return decodedAs(t.Elem()), nil
	case t.Kind() != reflect.Struct:
		return nil, nil // a type error, which Decode reports
	}
	fields, ok := w.fields[t]
	if !ok {
		fields = jsonFields(t)
		w.fields[t] = fields
	}
	if ft, ok := fields[key]; ok {
		return decodedAs(ft), nil
	}
	for name := range fields {
		if strings.EqualFold(name, key) {
			return nil, fmt.Errorf("unknown field %q (did you mean %q? field names are case-sensitive)", key, name)
		}
	}
	return nil, fmt.Errorf("unknown field %q", key)
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// decodedAs is the type whose keys matter for a value decoded into t:
// pointers are followed, and a type that decodes itself (time.Time,
// apiFigureNumber) or an interface accepts any keys (nil).
func decodedAs(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() == reflect.Interface {
		return nil
	}
	if p := reflect.PointerTo(t); p.Implements(jsonUnmarshaler) || p.Implements(textUnmarshaler) {
		return nil
	}
	return t
}

// jsonFields maps the JSON names of a struct's fields, as encoding/json
// names them (the tag's name, else the field's; "-" skipped; the fields
// of an untagged embedded struct promoted unless an outer field has the
// name), to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var embedded []reflect.Type
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if tag == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			if et := derefType(f.Type); et.Kind() == reflect.Struct {
				embedded = append(embedded, et)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		out[cmp.Or(name, f.Name)] = f.Type
	}
	for _, et := range embedded {
		for name, ft := range jsonFields(et) {
			if _, taken := out[name]; !taken {
				out[name] = ft
			}
		}
	}
	return out
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// at prefixes a message with where in the body it applies.
func at(path string) string {
	if path == "" {
		return ""
	}
	return path + ": "
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
