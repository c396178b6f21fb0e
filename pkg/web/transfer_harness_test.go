package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/web"
)

// transferApp is the sample server with a small import limit and its own
// upload folder, and an editor and a viewer of Anchorage signed in.
type transferApp struct {
	*app
	editor, viewer *client
	editorToken    string
}

func newTransferApp(t *testing.T, maxBytes int64) *transferApp {
	t.Helper()
	a := newApp(t)
	s, err := web.New(a.db, web.Config{Now: fixedNow, Version: "test", MaxImportBytes: maxBytes, UploadDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	a.srv = httptest.NewServer(s)
	t.Cleanup(a.srv.Close)
	ta := &transferApp{app: a}
	ed := newUser(t, a.db, "editor@example.org", domain.Membership{Partnership: anchorage, Role: domain.RoleEditor})
	newUser(t, a.db, "viewer@example.org", domain.Membership{Partnership: anchorage, Role: domain.RoleViewer})
	ta.editor, ta.viewer = a.client(), a.client()
	ta.editor.login("editor@example.org", testPassword)
	ta.viewer.login("viewer@example.org", testPassword)
	ta.editorToken, _ = createToken(t, a.db, ed, anchorage)
	return ta
}

// upload posts data as the multipart field "file" named name, with the
// client's CSRF token unless withCSRF is false.
func upload(c *client, path, name string, data []byte, withCSRF bool, fields ...string) resp {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if withCSRF {
		fields = append(fields, "_csrf", c.csrf())
	}
	for i := 0; i+1 < len(fields); i += 2 {
		if err := mw.WriteField(fields[i], fields[i+1]); err != nil {
			c.t.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		c.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return send(c, "POST", path, mw.FormDataContentType(), body.Bytes(), false)
}

// sendRaw sends body as it is with the given Content-Type; a session
// client adds its CSRF header.
func sendRaw(c *client, method, path, ctype string, body []byte) resp {
	c.t.Helper()
	return send(c, method, path, ctype, body, c.jar != nil)
}

func send(c *client, method, path, ctype string, body []byte, csrfHeader bool) resp {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	if csrfHeader {
		req.Header.Set("X-CSRF-Token", c.csrf())
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp{Status: res.StatusCode, Body: string(b), Header: res.Header, Cookies: res.Cookies()}
}

func wantStatus(t *testing.T, what string, r resp, want int) {
	t.Helper()
	if r.Status != want {
		t.Fatalf("%s: status %d, want %d; body %.800s", what, r.Status, want, r.Body)
	}
}

var uploadField = regexp.MustCompile(`name="upload" value="([0-9a-f]+)"`)

// uploadID is the upload a preview page offers to confirm; what names
// the page in the failure.
func uploadID(t *testing.T, what string, page resp) string {
	t.Helper()
	id := uploadField.FindStringSubmatch(page.Body)
	if id == nil {
		t.Fatalf("%s: no upload id to confirm", what)
	}
	return id[1]
}

// storedValue is the stored value of a figure for all groups, or -1.
func storedValue(t *testing.T, a *app, indicator string, year int) float64 {
	t.Helper()
	b, err := a.db.Bundle(context.Background(), anchorage)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range b.Measurements {
		if m.Indicator == indicator && m.Year == year && m.AllGroups() {
			return m.Value
		}
	}
	return -1
}

// figureCount counts Anchorage's stored figures, to see that nothing was written.
func figureCount(t *testing.T, a *app) int {
	t.Helper()
	b, err := a.db.Bundle(context.Background(), anchorage)
	if err != nil {
		t.Fatal(err)
	}
	return len(b.Measurements)
}
