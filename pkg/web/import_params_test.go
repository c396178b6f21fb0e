package web_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"testing"
)

// TestImportAPIQueryParams: a dry run asked for in any spelling the
// endpoint takes writes nothing, and a parameter it does not know (or one
// given twice) is refused before the file is read, so a misspelt dry run
// cannot import for real.
func TestImportAPIQueryParams(t *testing.T) {
	a := newTransferApp(t, 0)
	api := bearer(a.app, a.editorToken)
	before := figureCount(t, a.app)
	nothingWritten := func(t *testing.T) {
		t.Helper()
		if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 84 {
			t.Fatalf("2019 = %v after the request, want 84: it imported", got)
		}
		if got := figureCount(t, a.app); got != before {
			t.Fatalf("%d figures after the request, want %d: it imported", got, before)
		}
	}
	for _, query := range []string{"?dry_run", "?dry_run=", "?dry_run=true", "?dry_run=1"} {
		t.Run(query, func(t *testing.T) {
			res := decodeImport(t, query, sendRaw(api, "POST", importAPIPath+query, "text/csv", []byte(importCSV)), http.StatusOK)
			if !res.DryRun || res.Added != 1 || res.Changed != 1 || len(res.Changes) != 2 {
				t.Errorf("answer = %+v, want a dry run with 1 added and 1 changed", res)
			}
			nothingWritten(t)
		})
	}
	refused := []struct {
		query string
		want  []string
	}{
		{"?dryrun=true", []string{`unknown query parameter "dryrun"`, "nothing was imported", "dry_run and expect"}},
		{"?dry-run", []string{`unknown query parameter "dry-run"`, "dry_run and expect"}},
		{"?DRY_RUN=true", []string{`unknown query parameter "DRY_RUN"`}},
		{"?dry_run=true&force=1", []string{`unknown query parameter "force"`}},
		{"?dry_run=true&dry_run=false", []string{`query parameter "dry_run" is given 2 times`, "nothing was imported"}},
		{"?dry_run=yes", []string{`dry_run must be true or false, got "yes"`}},
		{"?expect=", []string{"expect is empty", "nothing was imported"}},
		{"?expect", []string{"expect is empty"}},
		{"?dry_run&expect=", []string{"expect goes with an apply"}},
	}
	for _, tt := range refused {
		t.Run(tt.query, func(t *testing.T) {
			r := sendRaw(api, "POST", importAPIPath+tt.query, "text/csv", []byte(importCSV))
			wantStatus(t, tt.query, r, http.StatusBadRequest)
			var body struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
				t.Fatalf("decode: %v; body %.300s", err, r.Body)
			}
			if body.Error.Code != "invalid" {
				t.Errorf("error code %q, want invalid", body.Error.Code)
			}
			mustContain(t, tt.query, body.Error.Message, tt.want...)
			nothingWritten(t)
		})
	}
	applied := decodeImport(t, "apply", sendRaw(api, "POST", importAPIPath, "text/csv", []byte(importCSV)), http.StatusOK)
	if applied.DryRun || applied.Added != 1 || applied.Changed != 1 {
		t.Errorf("apply without dry_run = %+v, want 1 added and 1 changed, applied", applied)
	}
	if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 85 {
		t.Errorf("after the apply 2019 = %v, want 85", got)
	}
}

// TestImportBrowserConfirmAgainSaysWhy: confirming a preview a second
// time says, in sentences, what became of the upload and what to do.
func TestImportBrowserConfirmAgainSaysWhy(t *testing.T) {
	a := newTransferApp(t, 0)
	preview := upload(a.editor, importPath, "figures.csv", []byte(importCSV), true)
	wantStatus(t, "preview", preview, http.StatusOK)
	id := uploadID(t, "the preview", preview)
	wantStatus(t, "confirm", a.editor.post(importPath+"/apply", url.Values{"upload": {id}}), http.StatusSeeOther)
	again := a.editor.post(importPath+"/apply", url.Values{"upload": {id}})
	wantStatus(t, "confirming again", again, http.StatusUnprocessableEntity)
	mustContain(t, "confirming again", html.UnescapeString(again.Body),
		"<strong>The file was not imported.</strong> This upload is no longer kept: it was imported already, or it expired (uploads are kept for 30 minutes). To import the file, upload it again.")
	mustNotContain(t, "confirming again", again.Body, "the uploaded file is no longer here")
}
