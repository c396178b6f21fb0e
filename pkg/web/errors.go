package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
)

var statusOf = map[string]int{
	domain.EINVALID:      http.StatusBadRequest,
	domain.ENOTFOUND:     http.StatusNotFound,
	domain.ECONFLICT:     http.StatusConflict,
	domain.EUNAUTHORIZED: http.StatusUnauthorized,
	domain.EFORBIDDEN:    http.StatusForbidden,
	domain.EINTERNAL:     http.StatusInternalServerError,
}

// apiError is the JSON body of every API error.
type apiError struct {
	Error struct {
		Code    string              `json:"code"`
		Message string              `json:"message"`
		Fields  []domain.FieldError `json:"fields,omitempty"`
	} `json:"error"`
}

// handleError answers JSON under /api/ and an HTML page elsewhere; only
// internal errors are logged, with the request id to find them.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code, msg, fields := classify(err)
	status := statusOf[code]
	if he := (*echo.HTTPError)(nil); errors.As(err, &he) && he.Code >= 400 {
		status = he.Code // 405, 413, 503 keep their meaning; the code names the class
	}
	if code == domain.EINTERNAL {
		s.cfg.Logger.Error("internal error", slog.String("error", err.Error()),
			slog.String("request_id", c.Response().Header().Get(echo.HeaderXRequestID)))
	}
	if c.Request().Method == http.MethodHead {
		err = c.NoContent(status)
	} else if strings.HasPrefix(c.Path(), "/api/") || strings.HasPrefix(c.Request().URL.Path, "/api/") || c.Path() == "/healthz" {
		var body apiError
		body.Error.Code, body.Error.Message, body.Error.Fields = code, msg, fields
		err = c.JSON(status, body)
	} else {
		err = s.render(c, status, "error", &errorPage{layout: layout{Title: http.StatusText(status)}, Status: status, Message: msg})
	}
	if err != nil {
		s.cfg.Logger.Error("write error response", slog.String("error", err.Error()))
	}
}

// classify maps any error to a code and a user-safe message. Echo's own
// errors (unknown route, wrong method) keep their status.
func classify(err error) (code, msg string, fields []domain.FieldError) {
	var he *echo.HTTPError
	if errors.As(err, &he) {
		for c, st := range statusOf {
			if st == he.Code {
				return c, httpMessage(he), nil
			}
		}
		if he.Code == http.StatusMethodNotAllowed || he.Code == http.StatusRequestEntityTooLarge || he.Code == http.StatusServiceUnavailable {
			return domain.EINVALID, httpMessage(he), nil
		}
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Code, de.Message, de.Fields
	}
	return domain.EINTERNAL, "Internal error: the problem has been logged.", nil
}

func httpMessage(he *echo.HTTPError) string {
	if m, ok := he.Message.(string); ok {
		if he.Code == http.StatusNotFound {
			return "Page not found."
		}
		return m
	}
	return http.StatusText(he.Code)
}
