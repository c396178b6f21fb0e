package domain

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes: a closed set that adapters map to HTTP statuses and exit codes.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	EINTERNAL     = "internal"
)

// Error is an application error whose Message is safe to show to a user.
type Error struct {
	Code    string
	Message string
	// Fields holds per-field problems for EINVALID errors, in input order.
	Fields []FieldError
}

// FieldError names one invalid input and what is wrong with it. Place says
// where the input came from (a file and line, a form cell, an item index).
type FieldError struct {
	Place   string `json:"place,omitempty"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (f FieldError) String() string {
	s := f.Field + ": " + f.Message
	if f.Place != "" {
		s = f.Place + ": " + s
	}
	return s
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.String()
	}
	return e.Message + ": " + strings.Join(parts, "; ")
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error holding fields, or nil when there are none.
func Invalid(message string, fields []FieldError) error {
	if len(fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: message, Fields: fields}
}

// ErrorCode returns the code of err, or EINTERNAL for any non-domain error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err; internal errors get a
// generic text so driver details never reach a user.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Error()
	}
	return "Internal error."
}
