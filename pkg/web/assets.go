package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"

	"github.com/labstack/echo/v4"
)

//go:embed static
var staticFiles embed.FS

// assets serves the embedded static files with content-hashed URLs, so
// browsers may cache them for a year and still see every new release.
type assets struct {
	fs     fs.FS
	hashes map[string]string // path under static/ -> short sha256
}

func loadAssets() (*assets, error) {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, err
	}
	a := &assets{fs: sub, hashes: map[string]string{}}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.hashes[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load static files: %w", err)
	}
	return a, nil
}

// URL returns the cache-busting URL of a static file; a missing file is a
// template bug, reported when the page is rendered.
func (a *assets) URL(p string) (string, error) {
	h, ok := a.hashes[p]
	if !ok {
		return "", fmt.Errorf("unknown static file %q", p)
	}
	return "/static/" + p + "?v=" + h, nil
}

func (s *Server) static(c echo.Context) error {
	p := c.Param("*")
	if _, ok := s.assets.hashes[p]; !ok {
		return echo.ErrNotFound
	}
	b, err := fs.ReadFile(s.assets.fs, p)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	if c.QueryParam("v") == s.assets.hashes[p] {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	ct := mime.TypeByExtension(path.Ext(p))
	if ct == "" {
		ct = "application/octet-stream"
	}
	return c.Blob(http.StatusOK, ct, b)
}

// StaticFS returns the files the pages use (app.css, charts.js, the
// vendored ECharts), rooted at static/, for documents that must carry them
// inline, such as self-contained snapshots.
func StaticFS() fs.FS {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic(err) // "static" is embedded above; this cannot fail at run time
	}
	return sub
}
