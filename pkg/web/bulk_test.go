package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/web"
)

// TestBulkRoutesOutliveTheServerTimeouts: behind a server whose write
// timeout has always passed, a page cannot be answered, while every export
// is: bulk routes move the connection's deadlines, so a long download (or
// upload) is not cut at the server's 60 s.
func TestBulkRoutesOutliveTheServerTimeouts(t *testing.T) {
	a := newApp(t)
	s, err := web.New(a.db, web.Config{Now: fixedNow, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(s)
	srv.Config.WriteTimeout = time.Nanosecond
	srv.Start()
	t.Cleanup(srv.Close)
	get := func(path string) (int, string, error) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body), err
	}
	if status, _, err := get("/p/anchorage-90-by-2020"); err == nil {
		t.Fatalf("the overview was answered (%d) past the write timeout: the test cannot tell", status)
	}
	for _, path := range []string{"/p/anchorage-90-by-2020/export.csv", "/p/anchorage-90-by-2020/export.xlsx",
		"/p/anchorage-90-by-2020/export.json", "/api/v1/partnerships/anchorage-90-by-2020/export?format=csv"} {
		status, body, err := get(path)
		if err != nil || status != http.StatusOK || len(body) < 1000 {
			t.Errorf("GET %s: status %d, %d bytes, error %v; want the whole file", path, status, len(body), err)
		}
	}
	if _, body, _ := get("/p/anchorage-90-by-2020/export.csv"); !strings.HasPrefix(body, "indicator,year") {
		t.Errorf("CSV export starts %.40q", body)
	}
}
