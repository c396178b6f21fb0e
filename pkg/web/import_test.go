package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const (
	importPath    = pA + "/import"
	importAPIPath = apiA + "/imports"
	// importCSV changes the 2019 graduation rate (84 in the sample) and
	// adds 2021.
	importCSV = "indicator,year,value\nhs-graduation-4yr,2019,85\nhs-graduation-4yr,2021,88\n"
)

func TestImportBrowserPreviewThenConfirm(t *testing.T) {
	a := newTransferApp(t, 0)
	form := a.editor.get(importPath)
	wantStatus(t, "form", form, http.StatusOK)
	mustContain(t, "form", form.Body, `enctype="multipart/form-data"`, `name="_csrf"`, `<label for="file">`, `type="file"`)

	before := figureCount(t, a.app)
	r := upload(a.editor, importPath, "figures.csv", []byte(importCSV), true)
	wantStatus(t, "preview", r, http.StatusOK)
	mustContain(t, "preview", html.UnescapeString(r.Body), "Nothing has been saved yet", "Figures to change", "Figures to add",
		"<td class=\"num\">84</td>", "<strong>85</strong>", "<strong>88</strong>", "Confirm import")
	if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 84 {
		t.Fatalf("after the dry run the 2019 value is %v, want 84 (nothing written)", got)
	}
	if got := figureCount(t, a.app); got != before {
		t.Fatalf("after the dry run %d figures, want %d", got, before)
	}

	id := uploadID(t, "the preview", r)
	if other := a.viewer.post(importPath+"/apply", url.Values{"upload": {id}}); other.Status != http.StatusForbidden {
		t.Fatalf("viewer confirming: status %d, want 403", other.Status)
	}
	done := a.editor.post(importPath+"/apply", url.Values{"upload": {id}})
	wantStatus(t, "confirm", done, http.StatusSeeOther)
	if done.location() != pA {
		t.Errorf("confirm redirects to %q, want the overview", done.location())
	}
	overview := a.editor.get(pA)
	mustContain(t, "overview after import", overview.Body, "Imported figures.csv: 1 added, 1 changed")
	if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 85 {
		t.Fatalf("after confirming the 2019 value is %v, want 85", got)
	}
	again := a.editor.post(importPath+"/apply", url.Values{"upload": {id}})
	wantStatus(t, "confirming twice", again, http.StatusUnprocessableEntity)
	mustContain(t, "confirming twice", again.Body, "upload it again")

	same := upload(a.editor, importPath, "figures.csv", []byte(importCSV), true)
	wantStatus(t, "re-import", same, http.StatusOK)
	mustContain(t, "re-import", same.Body, "Nothing to change")
	mustNotContain(t, "re-import", same.Body, "Confirm import")
}

// TestImportBrowserConfirmAfterAnEdit: a figure edited between the preview
// and its confirmation is not overwritten: the confirmation is refused with
// the preview as of now, which can then be confirmed knowingly.
func TestImportBrowserConfirmAfterAnEdit(t *testing.T) {
	a := newTransferApp(t, 0)
	preview := upload(a.editor, importPath, "figures.csv", []byte(importCSV), true)
	wantStatus(t, "preview", preview, http.StatusOK)
	id := uploadID(t, "the preview", preview)
	edit := a.editor.sendJSON("PUT", apiA+"/indicators/hs-graduation-4yr/measurements",
		`{"comment":"correction","measurements":[{"year":2019,"value":86}]}`)
	wantStatus(t, "concurrent edit", edit, http.StatusOK)
	before := figureCount(t, a.app)

	refused := a.editor.post(importPath+"/apply", url.Values{"upload": {id}})
	wantStatus(t, "confirm after the edit", refused, http.StatusConflict)
	mustContain(t, "confirm after the edit", html.UnescapeString(refused.Body), "Nothing was imported: the data changed since the preview; review again.",
		"<td class=\"num\">86</td>", "<strong>85</strong>", "Confirm import")
	if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 86 || figureCount(t, a.app) != before {
		t.Fatalf("after the refused confirmation 2019 is %v with %d figures, want the edit (86) and %d", got, figureCount(t, a.app), before)
	}

	again := uploadID(t, "the new preview", refused)
	wantStatus(t, "confirm the new preview", a.editor.post(importPath+"/apply", url.Values{"upload": {again}}), http.StatusSeeOther)
	if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 85 {
		t.Errorf("after confirming the new preview 2019 is %v, want 85", got)
	}
}

func TestImportBrowserBadFiles(t *testing.T) {
	a := newTransferApp(t, 0)
	before := figureCount(t, a.app)
	tests := []struct {
		name, file string
		want       []string
	}{
		{"missing column", "indicator,year\nhs-graduation-4yr,2019\n", []string{`<td class="num">1</td><td>value</td>`, `required column "value" is missing`}},
		{"bad rows", "indicator,year,value\nno-such-indicator,2019,50\nhs-graduation-4yr,2019,120\nhs-graduation-4yr,2018,N/A\n",
			[]string{`<td class="num">2</td><td>indicator</td>`, `unknown indicator "no-such-indicator"`,
				`<td class="num">3</td><td>value</td>`, `<td class="num">4</td><td>value</td>`}},
		{"duplicate rows", "indicator,year,value\nhs-graduation-4yr,2019,85\nhs-graduation-4yr,2019,86\n", []string{"duplicate of row 2"}},
		{"not a workbook", "indicator,year,value\n", []string{"not an XLSX workbook"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "bad.csv"
			if tt.name == "not a workbook" {
				name = "bad.xlsx"
			}
			r := upload(a.editor, importPath, name, []byte(tt.file), true)
			wantStatus(t, tt.name, r, http.StatusUnprocessableEntity)
			mustContain(t, tt.name, html.UnescapeString(r.Body), tt.want...)
			mustContain(t, tt.name, r.Body, "cannot be imported")
			mustNotContain(t, tt.name, r.Body, "Confirm import")
			if got := figureCount(t, a.app); got != before {
				t.Errorf("%d figures after a refused file, want %d", got, before)
			}
		})
	}
	r := a.editor.post(importPath, nil)
	wantStatus(t, "no file", r, http.StatusUnprocessableEntity)
	mustContain(t, "no file", r.Body, "choose a CSV or XLSX file")
}

func TestImportBrowserRefusals(t *testing.T) {
	a := newTransferApp(t, 0)
	if r := upload(a.editor, importPath, "f.csv", []byte(importCSV), false); r.Status != http.StatusForbidden {
		t.Errorf("upload without CSRF token: status %d, want 403", r.Status)
	}
	public := a.client()
	if r := public.get(importPath); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.location(), "/login") {
		t.Errorf("public GET: status %d to %q, want a redirect to sign in", r.Status, r.location())
	}
	if r := upload(public, importPath, "f.csv", []byte(importCSV), true); r.Status != http.StatusUnauthorized {
		t.Errorf("public upload: status %d, want 401", r.Status)
	}
	if r := a.viewer.get(importPath); r.Status != http.StatusForbidden {
		t.Errorf("viewer GET: status %d, want 403", r.Status)
	}
	if r := upload(a.viewer, importPath, "f.csv", []byte(importCSV), true); r.Status != http.StatusForbidden {
		t.Errorf("viewer upload: status %d, want 403", r.Status)
	}
	if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 84 {
		t.Errorf("2019 value %v after refused imports, want 84", got)
	}
	mustContain(t, "editor's overview", a.editor.get(pA).Body, `href="/p/`+anchorage+`/import"`)
	mustNotContain(t, "viewer's overview", a.viewer.get(pA).Body, `href="/p/`+anchorage+`/import"`)
}

// importResult is the API's answer.
type importResult struct {
	Error *struct {
		Code, Message string
	} `json:"error"`
	DryRun    bool `json:"dry_run"`
	Added     int  `json:"added"`
	Changed   int  `json:"changed"`
	Unchanged int  `json:"unchanged"`
	Errors    []struct {
		Row     int    `json:"row"`
		Column  string `json:"column"`
		Message string `json:"message"`
	} `json:"errors"`
	Changes []struct {
		Row  int    `json:"row"`
		Kind string `json:"kind"`
		Year int    `json:"year"`
		Old  *struct {
			Value float64 `json:"value"`
		} `json:"old"`
		New struct {
			Value float64 `json:"value"`
		} `json:"new"`
	} `json:"changes"`
	Fingerprint string `json:"fingerprint"`
}

func decodeImport(t *testing.T, what string, r resp, want int) importResult {
	t.Helper()
	wantStatus(t, what, r, want)
	var out importResult
	if err := json.Unmarshal([]byte(r.Body), &out); err != nil {
		t.Fatalf("%s: %v; body %.300s", what, err, r.Body)
	}
	return out
}

func TestImportAPI(t *testing.T) {
	a := newTransferApp(t, 0)
	api := bearer(a.app, a.editorToken)
	dry := decodeImport(t, "dry run", sendRaw(api, "POST", importAPIPath+"?dry_run=true", "text/csv", []byte(importCSV)), http.StatusOK)
	if !dry.DryRun || dry.Added != 1 || dry.Changed != 1 || len(dry.Errors) != 0 || len(dry.Changes) != 2 {
		t.Fatalf("dry run = %+v, want 1 added, 1 changed, 2 changes listed", dry)
	}
	if c := dry.Changes[0]; c.Kind != "changed" || c.Row != 2 || c.Old == nil || c.Old.Value != 84 || c.New.Value != 85 {
		t.Errorf("first change = %+v, want row 2 changed 84 -> 85", c)
	}
	if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 84 {
		t.Fatalf("dry run wrote: 2019 = %v", got)
	}

	bad := "indicator,year,value\nhs-graduation-4yr,2019,86\nhs-graduation-4yr,2020,120\n"
	refused := decodeImport(t, "apply a bad file", sendRaw(api, "POST", importAPIPath+"?dry_run=false", "text/csv", []byte(bad)), http.StatusUnprocessableEntity)
	if refused.Error == nil || refused.Error.Code != "invalid" || len(refused.Errors) != 1 ||
		refused.Errors[0].Row != 3 || refused.Errors[0].Column != "value" {
		t.Fatalf("refused = %+v, want code invalid and one problem at row 3, column value", refused)
	}
	if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 84 {
		t.Fatalf("a refused file wrote its good row: 2019 = %v", got)
	}

	applied := decodeImport(t, "apply", upload(api, importAPIPath, "figures.csv", []byte(importCSV), false), http.StatusOK)
	if applied.DryRun || applied.Added != 1 || applied.Changed != 1 {
		t.Fatalf("applied = %+v, want 1 added, 1 changed", applied)
	}
	if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 85 {
		t.Fatalf("after applying 2019 = %v, want 85", got)
	}
	again := decodeImport(t, "again", sendRaw(api, "POST", importAPIPath, "text/csv", []byte(importCSV)), http.StatusOK)
	if again.Added+again.Changed != 0 || again.Unchanged != 2 {
		t.Errorf("importing again = %+v, want 2 unchanged", again)
	}

	wrongType := sendRaw(api, "POST", importAPIPath, "application/json", []byte(`{}`))
	wantStatus(t, "JSON body", wrongType, http.StatusBadRequest)
	mustContain(t, "JSON body", wrongType.Body, `"code":"invalid"`, "text/csv")
	viewerAPI := sendRaw(a.viewer, "POST", importAPIPath+"?dry_run=true", "text/csv", []byte(importCSV))
	wantStatus(t, "viewer", viewerAPI, http.StatusForbidden)
}

// TestImportAPIExpect: an apply that passes back its dry run's
// fingerprint is refused with 409, writing nothing, when a figure the file
// touches was edited in between; with the fingerprint of a dry run after
// the edit it applies.
func TestImportAPIExpect(t *testing.T) {
	a := newTransferApp(t, 0)
	api := bearer(a.app, a.editorToken)
	dry := decodeImport(t, "dry run", sendRaw(api, "POST", importAPIPath+"?dry_run=true", "text/csv", []byte(importCSV)), http.StatusOK)
	if len(dry.Fingerprint) != 64 {
		t.Fatalf("dry run fingerprint = %q, want 64 hex digits", dry.Fingerprint)
	}
	edit := a.editor.sendJSON("PUT", apiA+"/indicators/hs-graduation-4yr/measurements",
		`{"comment":"correction","measurements":[{"year":2019,"value":86}]}`)
	wantStatus(t, "concurrent edit", edit, http.StatusOK)
	before := bundleJSON(t, a.app)

	stale := sendRaw(api, "POST", importAPIPath+"?expect="+dry.Fingerprint, "text/csv", []byte(importCSV))
	wantStatus(t, "apply the stale dry run", stale, http.StatusConflict)
	mustContain(t, "apply the stale dry run", stale.Body, `"code":"conflict"`, "changed since the dry run", "nothing was imported")
	if bundleJSON(t, a.app) != before {
		t.Fatalf("a refused apply wrote: 2019 = %v", storedValue(t, a.app, "hs-graduation-4yr", 2019))
	}

	for _, q := range []string{"?expect=abc", "?dry_run=true&expect=" + dry.Fingerprint} {
		r := sendRaw(api, "POST", importAPIPath+q, "text/csv", []byte(importCSV))
		wantStatus(t, q, r, http.StatusBadRequest)
		mustContain(t, q, r.Body, `"code":"invalid"`, "expect")
	}

	again := decodeImport(t, "dry run again", sendRaw(api, "POST", importAPIPath+"?dry_run=true", "text/csv", []byte(importCSV)), http.StatusOK)
	if again.Fingerprint == dry.Fingerprint || again.Changed != 1 || again.Changes[0].Old.Value != 86 {
		t.Fatalf("dry run after the edit = %+v, want a new fingerprint and 2019 changed from 86", again)
	}
	applied := decodeImport(t, "apply", sendRaw(api, "POST", importAPIPath+"?expect="+again.Fingerprint, "text/csv", []byte(importCSV)), http.StatusOK)
	if applied.Added != 1 || applied.Changed != 1 || applied.Fingerprint != "" {
		t.Fatalf("applied = %+v, want 1 added, 1 changed and no fingerprint", applied)
	}
	if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 85 {
		t.Errorf("after applying 2019 = %v, want 85", got)
	}
}

// bundleJSON is everything Anchorage holds, to see that nothing was written.
func bundleJSON(t *testing.T, a *app) string {
	t.Helper()
	b, err := a.db.Bundle(context.Background(), anchorage)
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestImportTooLarge(t *testing.T) {
	a := newTransferApp(t, 1024)
	big := []byte("indicator,year,value\n" + strings.Repeat("hs-graduation-4yr,2019,85\n", 200))
	api := bearer(a.app, a.editorToken)
	r := sendRaw(api, "POST", importAPIPath+"?dry_run=true", "text/csv", big)
	wantStatus(t, "API", r, http.StatusRequestEntityTooLarge)
	mustContain(t, "API", r.Body, `"code":"invalid"`, "larger than the import limit of 1 KB")

	page := upload(a.editor, importPath, "big.csv", big, true)
	wantStatus(t, "page", page, http.StatusRequestEntityTooLarge)
	mustContain(t, "page", page.Body, "larger than the import limit of 1 KB", `type="file"`)
	if got := storedValue(t, a.app, "hs-graduation-4yr", 2019); got != 84 {
		t.Errorf("2019 = %v after refused files, want 84", got)
	}
}
