package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/impactboard/impactboard"
	"github.com/impactboard/impactboard/pkg/dashboard"
	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/snapshot"
)

// takeSnapshot stores a snapshot of a sample partnership, as the web does.
func takeSnapshot(t testing.TB, a *app, partnership string) domain.Snapshot {
	t.Helper()
	ds, err := dashboard.LoadAll(impactboard.DashboardsFS())
	if err != nil {
		t.Fatal(err)
	}
	in := snapshot.Input{Title: "Test snapshot", At: fixedNow(), By: domain.Author{Name: "Test"}, Dashboards: ds}
	s, err := snapshot.Take(context.Background(), a.db, partnership, in, "test")
	if err != nil {
		t.Fatalf("take snapshot: %v", err)
	}
	return s
}

type apiSnapshot struct {
	domain.Snapshot
	Links struct {
		Page string            `json:"page"`
		API  map[string]string `json:"api"`
	} `json:"links"`
}

func sha256Of(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestSnapshotPageCreateAndDownload(t *testing.T) {
	a := newApp(t)
	board, _ := a.signIn("board@example.org", anchorage, domain.RoleBoard, "")
	r := board.post(pA+"/snapshots", url.Values{"title": {"March 2026 board packet"}, "note": {"For the March meeting"}})
	if r.Status != http.StatusSeeOther || r.location() != pA+"/snapshots" {
		t.Fatalf("create: status %d, location %q; body %.300s", r.Status, r.location(), r.Body)
	}
	page := board.get(pA + "/snapshots")
	mustContain(t, "snapshots page", page.Body, "taken. Its SHA-256 is", "March 2026 board packet", "For the March meeting", "board", "Take snapshot")
	link := regexp.MustCompile(`href="(/p/[^"]+/snapshots/([0-9a-f]{32}))/download\?format=html"`).FindStringSubmatch(page.Body)
	if link == nil {
		t.Fatalf("no download link on the page: %.2000s", page.Body)
	}
	detail := board.get(link[1])
	mustContain(t, "snapshot page", detail.Body, "March 2026 board packet", link[2])
	for _, format := range snapshot.Formats {
		d := board.get(link[1] + "/download?format=" + format)
		want := `attachment; filename=anchorage-90-by-2020-snapshot-2026-11-23-` + link[2][:8] + "." + format
		if d.Status != http.StatusOK || d.Header.Get("Content-Disposition") != want {
			t.Errorf("%s: status %d, disposition %q, want %q", format, d.Status, d.Header.Get("Content-Disposition"), want)
		}
		if format == "json" && sha256Of(d.Body) != d.Header.Get("X-Snapshot-SHA256") {
			t.Error("the JSON download does not match its checksum")
		}
	}
	mustNotContain(t, "public overview", a.client().get(pA).Body, pA+"/snapshots")
}

// TestSnapshotsOnlyForThoseWhoMayReadThem: the overview links to the
// snapshots exactly for the roles that may read them, and a viewer or a
// contributor can neither list, see nor download one, on a page or the API.
func TestSnapshotsOnlyForThoseWhoMayReadThem(t *testing.T) {
	a := newApp(t)
	s := takeSnapshot(t, a, anchorage)
	for _, role := range domain.Roles {
		c, u := a.signIn(string(role)+"@example.org", anchorage, role, partnerFor(t, a, role))
		secret, _ := createToken(t, a.db, u, anchorage)
		may := domain.Can(role, domain.ActReadSnapshot)
		if linked := strings.Contains(c.get(pA).Body, `href="`+pA+`/snapshots"`); linked != may {
			t.Errorf("%s: overview links to the snapshots = %v, want %v", role, linked, may)
		}
		for _, path := range []string{pA + "/snapshots", pA + "/snapshots/" + s.ID, pA + "/snapshots/" + s.ID + "/download?format=csv"} {
			checkSnapshotAccess(t, role, "session", path, c.get(path), may)
		}
		for _, path := range []string{apiA + "/snapshots", "/api/v1/snapshots/" + s.ID + "?format=csv"} {
			checkSnapshotAccess(t, role, "token", path, bearer(a, secret).get(path), may)
		}
	}
}

// partnerFor is the partner a contributor stewards for; others have none.
func partnerFor(t *testing.T, a *app, role domain.Role) string {
	if role != domain.RoleContributor {
		return ""
	}
	b, err := a.db.Bundle(context.Background(), anchorage)
	if err != nil {
		t.Fatal(err)
	}
	return b.Indicators[indexOf(t, b, "hs-graduation-4yr")].Steward
}

func checkSnapshotAccess(t *testing.T, role domain.Role, via, path string, r resp, may bool) {
	t.Helper()
	if got := r.Status == http.StatusOK; got != may || !may && r.Status != http.StatusForbidden {
		t.Errorf("%s via %s, %s: status %d, allowed = %v, want %v (403 when not)", role, via, path, r.Status, got, may)
	}
}

func TestSnapshotFormErrors(t *testing.T) {
	a := newApp(t)
	editor, _ := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")
	r := editor.post(pA+"/snapshots", url.Values{"title": {"  "}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "is required") {
		t.Errorf("empty title: status %d; body %.300s", r.Status, r.Body)
	}
}

func TestSnapshotAPI(t *testing.T) {
	a := newApp(t)
	_, u := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")
	secret, _ := createToken(t, a.db, u, anchorage)
	api := bearer(a, secret)
	r := api.do("POST", apiA+"/snapshots", nil, `{"title":"Q3","note":"quarterly"}`)
	if r.Status != http.StatusCreated {
		t.Fatalf("create: status %d; body %.300s", r.Status, r.Body)
	}
	var s apiSnapshot
	if err := json.Unmarshal([]byte(r.Body), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.ID) != 32 || len(s.SHA256) != 64 || s.CreatedBy.Email != "editor@example.org" || s.Links.API["csv"] != "/api/v1/snapshots/"+s.ID+"?format=csv" {
		t.Errorf("created %+v", s)
	}
	var list struct{ Snapshots []apiSnapshot }
	if err := json.Unmarshal([]byte(api.get(apiA+"/snapshots").Body), &list); err != nil || len(list.Snapshots) != 1 || list.Snapshots[0].ID != s.ID {
		t.Errorf("list = %+v, %v", list, err)
	}
	doc := api.get("/api/v1/snapshots/" + s.ID)
	if doc.Status != http.StatusOK || sha256Of(doc.Body) != s.SHA256 || !strings.HasPrefix(doc.Body, `{"format":"impactboard-snapshot"`) {
		t.Errorf("json download: status %d, checksum mismatch or not the document", doc.Status)
	}
	if r := api.do("POST", apiA+"/snapshots", nil, `{"title":"x","extra":"1"}`); r.Status != http.StatusBadRequest {
		t.Errorf("unknown field: status %d, want 400", r.Status)
	}
	if r := api.get("/api/v1/snapshots/" + s.ID + "?format=pdf"); r.Status != http.StatusBadRequest {
		t.Errorf("unknown format: status %d, want 400", r.Status)
	}
}

// A snapshot made before an edit still shows the old value after it.
func TestSnapshotKeepsOldValueAfterEdit(t *testing.T) {
	a := newApp(t)
	editor, _ := a.signIn("editor@example.org", anchorage, domain.RoleEditor, "")
	s := takeSnapshot(t, a, anchorage)
	get := func(format string) string { return editor.get("/api/v1/snapshots/" + s.ID + "?format=" + format).Body }
	before := map[string]string{"json": get("json"), "csv": get("csv"), "html": get("html")}
	r := editor.sendJSON("PUT", apiA+"/indicators/hs-graduation-4yr/measurements",
		`{"comment":"correction","measurements":[{"year":2019,"value":85.5}]}`)
	if r.Status != http.StatusOK {
		t.Fatalf("edit: status %d; body %.300s", r.Status, r.Body)
	}
	mustContain(t, "live indicator", editor.get(pA+"/indicators/hs-graduation-4yr").Body, "85.5%")
	for format, old := range before {
		if now := get(format); now != old || strings.Contains(now, "85.5") {
			t.Errorf("%s download changed after the edit", format)
		}
	}
	mustContain(t, "snapshot csv", before["csv"], "hs-graduation-4yr,2019,,,84,")
	if sha256Of(before["json"]) != s.SHA256 {
		t.Error("the stored content no longer matches its checksum")
	}
}

func TestSnapshotsCannotBeEditedOrReachedFromElsewhere(t *testing.T) {
	a := newApp(t)
	s := takeSnapshot(t, a, anchorage)
	admin, _ := a.signIn("admin@example.org", anchorage, domain.RoleAdmin, "")
	for _, method := range []string{"PUT", "DELETE", "PATCH"} {
		for _, path := range []string{"/api/v1/snapshots/" + s.ID, pA + "/snapshots/" + s.ID} {
			// No route changes a snapshot: Echo answers 405.
			r := admin.sendJSON(method, path, `{"title":"changed"}`)
			if r.Status != http.StatusMethodNotAllowed || !strings.Contains(r.Body, "Method Not Allowed") {
				t.Errorf("%s %s: status %d, want 405 Method Not Allowed; body %.200s", method, path, r.Status, r.Body)
			}
		}
	}
	if doc := admin.get("/api/v1/snapshots/" + s.ID); sha256Of(doc.Body) != s.SHA256 || strings.Contains(doc.Body, "changed") {
		t.Error("the snapshot changed")
	}
	if r := admin.get("/api/v1/snapshots/ffffffffffffffffffffffffffffffff"); r.Status != http.StatusNotFound {
		t.Errorf("unknown id: status %d, want 404", r.Status)
	}
	other, _ := a.signIn("other@example.org", betterTogether, domain.RoleAdmin, "")
	for _, path := range []string{"/api/v1/snapshots/" + s.ID, "/p/" + betterTogether + "/snapshots/" + s.ID + "/download?format=json",
		"/p/" + betterTogether + "/snapshots/" + s.ID} {
		r := other.get(path)
		if (r.Status != http.StatusForbidden && r.Status != http.StatusNotFound) || strings.Contains(r.Body, "impactboard-snapshot") {
			t.Errorf("other partnership's admin, %s: status %d; body %.200s", path, r.Status, r.Body)
		}
	}
	if r := a.client().get("/api/v1/snapshots/" + s.ID); r.Status != http.StatusUnauthorized {
		t.Errorf("public: status %d, want 401", r.Status)
	}
}
