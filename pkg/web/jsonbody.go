package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

// maxJSONBody bounds a JSON request body. The server-wide body limit is
// the same; this keeps a JSON route bounded should it be given a larger one.
const maxJSONBody = 1 << 20

// decodeJSON reads a body that is exactly one JSON object into v, what
// naming it in messages. It is strict: an unknown field, a key given twice
// (encoding/json would keep the last) or anything after the object is
// EINVALID. It returns the object's keys, for the few fields whose absence
// means "keep what is stored".
func decodeJSON(c echo.Context, v any, what string) (map[string]bool, error) {
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxJSONBody+1))
	if err != nil {
		return nil, err // too large: the body limit's own error
	} else if len(body) > maxJSONBody {
		return nil, echo.ErrStatusRequestEntityTooLarge
	}
	present, err := objectKeys(body)
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

// objectKeys checks that body is one JSON object and returns its keys.
func objectKeys(body []byte) (map[string]bool, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("it must be a JSON object")
	}
	present := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		if present[key] {
			return nil, errors.New("the field " + key + " is given twice")
		}
		present[key] = true
		if err := dec.Decode(&json.RawMessage{}); err != nil {
			return nil, err
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("it holds more than one JSON value")
	}
	return present, nil
}
