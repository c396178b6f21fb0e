package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"

	"github.com/labstack/echo/v4"
)

// openapiFiles holds the API description in parts (base.json plus one file
// per area); they are merged at start-up into one OpenAPI 3 document.
//
//go:embed openapi/*.json
var openapiFiles embed.FS

type openAPIDoc map[string]any

// buildOpenAPI merges the paths and components of every part into
// base.json, which alone holds the document-wide fields (info, the
// default security). A part that is not valid JSON stops the start.
func buildOpenAPI() ([]byte, error) {
	doc, err := readPart("openapi/base.json")
	if err != nil {
		return nil, err
	}
	parts, err := fs.Glob(openapiFiles, "openapi/*.json")
	if err != nil {
		return nil, err
	}
	for _, name := range parts {
		if name == "openapi/base.json" {
			continue
		}
		part, err := readPart(name)
		if err != nil {
			return nil, err
		}
		mergePaths(doc, part)
		for _, key := range []string{"schemas", "responses", "parameters", "securitySchemes"} {
			merge(sub(doc, "components"), sub(part, "components"), key)
		}
	}
	return json.Marshal(doc)
}

func readPart(name string) (openAPIDoc, error) {
	b, err := openapiFiles.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var d openAPIDoc
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

func sub(d openAPIDoc, key string) openAPIDoc {
	m, ok := d[key].(map[string]any)
	if !ok {
		m = map[string]any{}
		d[key] = m
	}
	return m
}

func merge(dst, src openAPIDoc, key string) {
	to := sub(dst, key)
	for k, v := range sub(src, key) {
		to[k] = v
	}
}

// mergePaths adds a part's operations to the path items already there, so
// that two parts can describe different methods of one path (a GET in
// base.json, its PUT in agenda.json).
func mergePaths(dst, src openAPIDoc) {
	to := sub(dst, "paths")
	for path, item := range sub(src, "paths") {
		ops, ok := item.(map[string]any)
		if !ok {
			to[path] = item
			continue
		}
		merge(to, openAPIDoc{path: ops}, path)
	}
}

func (s *Server) apiOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, s.openapi)
}
