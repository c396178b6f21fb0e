package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// smallCellCSV adds a figure under the suppression threshold (10) with a
// note a spreadsheet would run as a formula.
const smallCellCSV = "indicator,year,dimension,group,value,numerator,denominator,note\n" +
	`hs-graduation-4yr,2019,District,Tiny school,50,2,4,"=HYPERLINK(""http://evil.example"")"` + "\n"

func TestExportSuppressesSmallCellsForThePublic(t *testing.T) {
	a := newTransferApp(t, 0)
	api := bearer(a.app, a.editorToken)
	decodeImport(t, "add a small cell", sendRaw(api, "POST", importAPIPath, "text/csv", []byte(smallCellCSV)), http.StatusOK)

	pub := a.client().get(pA + "/export.csv")
	wantStatus(t, "public CSV", pub, http.StatusOK)
	if ct := pub.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("content type %q, want text/csv", ct)
	}
	if cd, want := pub.Header.Get("Content-Disposition"), `attachment; filename="anchorage-90-by-2020-2026-11-23.csv"`; cd != want {
		t.Errorf("Content-Disposition %q, want %q", cd, want)
	}
	mustContain(t, "public CSV", pub.Body, "hs-graduation-4yr,2019,District,Tiny school,suppressed,,,")
	mustNotContain(t, "public CSV", pub.Body, "Tiny school,50")

	ed := a.editor.get(apiA + "/export?format=csv")
	wantStatus(t, "editor CSV", ed, http.StatusOK)
	mustContain(t, "editor CSV", ed.Body, "Tiny school,50,2,4,", `"'=HYPERLINK(""http://evil.example"")"`)
	mustNotContain(t, "editor CSV", ed.Body, `,"=HYPERLINK`)

	var doc struct {
		Format     string `json:"format"`
		Indicators []struct {
			Measurements []struct {
				Group      string   `json:"group"`
				Value      *float64 `json:"value"`
				Suppressed bool     `json:"suppressed"`
			} `json:"measurements"`
		} `json:"indicators"`
	}
	a.getJSON("/p/"+anchorage+"/export.json", http.StatusOK, &doc)
	found := false
	for _, ind := range doc.Indicators {
		for _, m := range ind.Measurements {
			if m.Group == "Tiny school" {
				found = true
				if !m.Suppressed || m.Value != nil {
					t.Errorf("public JSON shows the small cell: %+v", m)
				}
			}
		}
	}
	if doc.Format != "impactboard-export" || !found {
		t.Errorf("public JSON: format %q, small cell listed %v", doc.Format, found)
	}
}

func TestExportFormatsAndLinks(t *testing.T) {
	a := newTransferApp(t, 0)
	x := a.viewer.get(pA + "/export.xlsx")
	wantStatus(t, "XLSX", x, http.StatusOK)
	if !strings.HasPrefix(x.Body, "PK") || !strings.Contains(x.Header.Get("Content-Disposition"), ".xlsx") {
		t.Errorf("XLSX: not a zip, or named %q", x.Header.Get("Content-Disposition"))
	}
	wantStatus(t, "bad format", a.viewer.get(apiA+"/export?format=pdf"), http.StatusBadRequest)
	overview := a.client().get(pA)
	mustContain(t, "overview", overview.Body, "Download data:", pA+"/export.csv", pA+"/export.xlsx", pA+"/export.json", "small numbers suppressed")
}

// TestExportImportRoundTrip: what an editor exports imports back with
// nothing to change.
func TestExportImportRoundTrip(t *testing.T) {
	a := newTransferApp(t, 0)
	api := bearer(a.app, a.editorToken)
	decodeImport(t, "add a small cell", sendRaw(api, "POST", importAPIPath, "text/csv", []byte(smallCellCSV)), http.StatusOK)
	exported := api.get(apiA + "/export?format=csv")
	wantStatus(t, "export", exported, http.StatusOK)
	res := decodeImport(t, "import", sendRaw(api, "POST", importAPIPath+"?dry_run=true", "text/csv", []byte(exported.Body)), http.StatusOK)
	if res.Added != 0 || res.Changed != 0 || len(res.Errors) != 0 || res.Unchanged != figureCount(t, a.app) {
		t.Errorf("round trip = %+v, want every one of %d figures unchanged", res, figureCount(t, a.app))
	}
}

// TestExportUnpublished: the public gets 404, a member the file.
func TestExportUnpublished(t *testing.T) {
	a := newTransferApp(t, 0)
	unpublish(t, a.db, anchorage)
	wantStatus(t, "public", a.client().get(apiA+"/export"), http.StatusNotFound)
	r := a.viewer.get(pA + "/export.csv")
	wantStatus(t, "viewer", r, http.StatusOK)
	if !strings.HasPrefix(r.Body, "indicator,year,") {
		t.Errorf("viewer's CSV starts %.40q, want the header", r.Body)
	}
}
