package web_test

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" database/sql driver, to damage a figure

	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
	"github.com/impactboard/impactboard/pkg/web"
)

// damagedApp is the sample server over a SQLite file the test also opens
// with SQL, to store a figure the store reads back as an error: a value
// that is text, which no write through the store makes, but a damaged or
// hand-edited database holds. An export fails where it reaches that figure.
type damagedApp struct {
	*app
	raw *sql.DB
	log *syncBuffer
	// byteOffset is where the damaged figure starts in the CSV export.
	byteOffset int
}

func newDamagedApp(t *testing.T) *damagedApp {
	t.Helper()
	dsn := storetest.SQLiteDSN(t)
	db := storetest.Open(t, dsn, store.Options{})
	saveSample(t, db)
	raw, err := sql.Open("sqlite3", "file:"+dsn+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	log := &syncBuffer{}
	s, err := web.New(db, web.Config{Now: fixedNow, Version: "test", Logger: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	a := &app{t: t, db: db, srv: httptest.NewServer(s)}
	t.Cleanup(a.srv.Close)
	return &damagedApp{app: a, raw: raw, log: log}
}

// damage makes the value of one Anchorage figure text: the one in the
// record pick chooses of the partnership's CSV export as it is now.
func (d *damagedApp) damage(t *testing.T, pick func(recs [][]string) int) {
	t.Helper()
	r := d.client().get(pA + "/export.csv")
	wantStatus(t, "CSV before the damage", r, http.StatusOK)
	recs, err := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("CSV export: %d records, %v", len(recs), err)
	}
	f := recs[pick(recs)] // indicator, year, dimension, group, ...
	d.byteOffset = strings.Index(r.Body, strings.Join(f[:4], ","))
	res, err := d.raw.Exec(`UPDATE measurements SET value = 'damaged' WHERE year = ? AND dimension = ? AND grp = ?
		AND indicator_id = (SELECT i.id FROM indicators i JOIN partnerships p ON p.id = i.partnership_id WHERE p.slug = ? AND i.slug = ?)`,
		f[1], f[2], f[3], anchorage, f[0])
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("damaged %d figures, want 1", n)
	}
}

// TestExportXLSXErrorIsAnswered: an XLSX export that fails is answered
// with the error, not a 200 and a broken workbook, on the API and on the
// page link; no file's headers go with it.
func TestExportXLSXErrorIsAnswered(t *testing.T) {
	d := newDamagedApp(t)
	ok := d.getIdentity(t, pA+"/export.xlsx")
	if got, want := ok.Header.Get("Content-Length"), strconv.Itoa(len(ok.Body)); got != want || !strings.HasPrefix(ok.Body, "PK") {
		t.Errorf("XLSX: Content-Length %q for a body of %s bytes starting %.2q, want the length of a zip", got, want, ok.Body)
	}
	d.damage(t, lastFigure)

	api := d.client().get(apiA + "/export?format=xlsx")
	wantStatus(t, "API XLSX", api, http.StatusInternalServerError)
	var body struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal([]byte(api.Body), &body); err != nil {
		t.Fatalf("API XLSX: %v; body %.300s", err, api.Body)
	}
	if body.Error.Code != "internal" || body.Error.Message == "" {
		t.Errorf("API XLSX error = %+v, want code internal and a message", body.Error)
	}
	page := d.client().get(pA + "/export.xlsx")
	wantStatus(t, "page XLSX", page, http.StatusInternalServerError)
	mustContain(t, "page XLSX", page.Body, "Internal error: the problem has been logged.")
	for what, r := range map[string]resp{"API XLSX": api, "page XLSX": page} {
		if cd := r.Header.Get("Content-Disposition"); cd != "" {
			t.Errorf("%s error sent as a download: Content-Disposition %q", what, cd)
		}
	}
	mustContain(t, "server log", d.log.String(), "damaged")
}

// TestExportCSVFailingMidwayBreaksTheTransfer: a CSV or JSON export
// failing after its first bytes were sent cuts the connection, so the
// client sees the transfer fail instead of a short file that ends
// cleanly; the error is logged. Uncompressed, the client has the status
// and part of the file when its read fails; gzipped, what was sent may
// still sit in the compressor, and then the request itself fails.
func TestExportCSVFailingMidwayBreaksTheTransfer(t *testing.T) {
	d := newDamagedApp(t)
	whole := d.client().get(pA + "/export.csv")
	wantStatus(t, "CSV before the damage", whole, http.StatusOK)
	// encoding/csv sends in 4 KiB pieces: the first goes before the end.
	if len(whole.Body) < 5<<10 {
		t.Fatalf("the sample CSV is %d bytes: too short to be sent in part before its last figure", len(whole.Body))
	}
	d.damage(t, lastFigure)
	for _, path := range []string{pA + "/export.csv", apiA + "/export?format=csv", apiA + "/export?format=json"} {
		for _, encoding := range []string{"identity", "gzip"} {
			t.Run(path+" "+encoding, func(t *testing.T) {
				req, err := http.NewRequest("GET", d.srv.URL+path, nil)
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Accept-Encoding", encoding)
				res, err := http.DefaultClient.Do(req)
				if err != nil && encoding == "gzip" {
					return // failed before the headers arrived: no file either
				} else if err != nil {
					t.Fatalf("request: %v, want the status and part of the file", err)
				}
				defer res.Body.Close()
				if res.StatusCode != http.StatusOK {
					t.Fatalf("status %d, want 200 (the failure comes after the first bytes)", res.StatusCode)
				}
				b, err := io.ReadAll(res.Body)
				if err == nil {
					t.Fatalf("read %d bytes and a clean end, want the transfer to fail", len(b))
				}
				if encoding == "identity" && len(b) == 0 {
					t.Errorf("read nothing before the failure, want the first part of the file")
				}
			})
		}
	}
	mustContain(t, "server log", d.log.String(), "msg=export", "partnership="+anchorage, "damaged")
}

// TestExportCSVFailingAtOnceIsAnswered: a CSV export failing while writing
// its first piece, before any of it was sent, is answered with the error,
// not as a download.
func TestExportCSVFailingAtOnceIsAnswered(t *testing.T) {
	d := newDamagedApp(t)
	d.damage(t, firstSubgroupFigure)
	if d.byteOffset <= 0 || d.byteOffset >= 4<<10 {
		t.Fatalf("the damaged figure is at byte %d of the CSV, want within its first 4 KiB piece", d.byteOffset)
	}
	r := d.client().get(apiA + "/export?format=csv")
	wantStatus(t, "API CSV", r, http.StatusInternalServerError)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q, want JSON", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); cd != "" {
		t.Errorf("error sent as a download: Content-Disposition %q", cd)
	}
	mustContain(t, "API CSV", r.Body, `"code":"internal"`)
}

func lastFigure(recs [][]string) int { return len(recs) - 1 }

// firstSubgroupFigure picks the first figure of a group: the figures for
// everyone are read before anything is written (for the headline and the
// progress), so a damaged one fails the export before it starts.
func firstSubgroupFigure(recs [][]string) int {
	for i, rec := range recs[1:] {
		if rec[2] != "" {
			return i + 1
		}
	}
	return 0
}

// getIdentity fetches path uncompressed (the server gzips for clients that
// accept it, and gzip drops Content-Length) and wants 200.
func (d *damagedApp) getIdentity(t *testing.T, path string) resp {
	t.Helper()
	req, err := http.NewRequest("GET", d.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "identity")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := resp{Status: res.StatusCode, Body: string(b), Header: res.Header}
	wantStatus(t, "GET "+path, r, http.StatusOK)
	return r
}

// syncBuffer is a log the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
