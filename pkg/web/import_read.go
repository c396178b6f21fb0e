package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/export"
	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/tidy"
	"github.com/impactboard/impactboard/pkg/transfer"
)

// defaultMaxImportBytes is the import limit when Config leaves it unset.
const defaultMaxImportBytes = tidy.DefaultMaxBytes

// mimeXLSX is the media type of an XLSX workbook.
var mimeXLSX = export.Formats["xlsx"]

// rawNames name a file sent as the request body by its media type; the
// name only matters to tidy.Detect when the bytes do not decide.
var rawNames = map[string]string{
	"text/csv": "upload.csv", "text/plain": "upload.csv", "application/csv": "upload.csv",
	mimeXLSX: "upload.xlsx", "application/octet-stream": "upload",
}

// receive keeps the file of an import request, from the multipart field
// "file" or (unless formOnly) the raw body, and opens it.
func (s *Server) receive(c echo.Context, slug string, formOnly bool) (upload, *os.File, error) {
	limit := s.maxImportBytes()
	u := upload{UserID: who(c).User.ID, Partnership: slug}
	media, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	var body io.Reader
	switch {
	case media == echo.MIMEMultipartForm:
		fh, err := c.FormFile("file")
		if err != nil {
			return u, nil, formFileError(err, limit)
		}
		if fh.Size > limit {
			return u, nil, tooLarge(fh.Size, limit)
		}
		src, err := fh.Open()
		if err != nil {
			return u, nil, err
		}
		defer src.Close()
		u.Name, body = filepath.Base(fh.Filename), src
	case !formOnly && rawNames[media] != "":
		u.Name, body = rawNames[media], c.Request().Body
	case formOnly:
		return u, nil, domain.Errorf(domain.EINVALID, "choose a CSV or XLSX file to import")
	default:
		return u, nil, domain.Errorf(domain.EINVALID,
			"send the file as the request body with Content-Type text/csv or %s, or as the multipart/form-data field \"file\"", mimeXLSX)
	}
	u, err := s.uploads().save(body, limit, u)
	if err != nil {
		return u, nil, err
	}
	return s.uploads().open(u.ID, u.UserID, slug)
}

// formFileError tells a missing file from one cut off by the size limit.
func formFileError(err error, limit int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge(0, limit)
	}
	return domain.Errorf(domain.EINVALID, "choose a CSV or XLSX file to import")
}

// source reads a kept upload for transfer.
func (s *Server) source(u upload, f *os.File) transfer.Source {
	opts := tidy.Options{MaxBytes: s.maxImportBytes()}
	return func(_ string, _ int, each func(tidy.Row) error) ([]tidy.Problem, error) {
		return tidy.Parse(u.Name, f, u.Size, opts, each)
	}
}

// importDryRun plans the import of a kept upload, listing at most list
// added and list changed figures.
func (s *Server) importDryRun(c echo.Context, u upload, f *os.File, list int) (tidy.Plan, error) {
	plan, err := transfer.DryRun(c.Request().Context(), s.store, u.Partnership, s.source(u, f), list)
	plan.Problems, err = asProblems(plan.Problems, err)
	return plan, err
}

// asProblems turns a refusal of the whole file (too many rows) into a
// problem shown with the others; any other error stays an error.
func asProblems(problems []tidy.Problem, err error) ([]tidy.Problem, error) {
	if domain.ErrorCode(err) == domain.EINVALID {
		return append(problems, tidy.Problem{Message: domain.ErrorMessage(err)}), nil
	}
	return problems, err
}

// refusal is the message of an error that the requester can act on.
func refusal(err error) (string, bool) {
	switch domain.ErrorCode(err) {
	case domain.EINVALID, domain.ENOTFOUND:
		return domain.ErrorMessage(err), true
	}
	return "", false
}

// changeRow is one figure of a preview: Old is "" for an added figure;
// Also lists the other fields that change.
type changeRow struct {
	Row       int
	Indicator string
	Year      int
	Group     string
	Old, New  string
	Also      []string
}

func changeRows(cs []tidy.Change) []changeRow {
	out := make([]changeRow, len(cs))
	for i, ch := range cs {
		m := ch.New
		out[i] = changeRow{Row: ch.Row, Indicator: m.Indicator, Year: m.Year, Group: report.GroupLabel(m.Dimension, m.Group),
			New: plainNumber(&m.Value)}
		if ch.Old != nil {
			out[i].Old, out[i].Also = plainNumber(&ch.Old.Value), otherChanges(*ch.Old, m)
		}
	}
	return out
}

// otherChanges names what changes besides the value.
func otherChanges(o, m domain.Measurement) []string {
	var out []string
	if plainNumber(o.Numerator) != plainNumber(m.Numerator) || plainNumber(o.Denominator) != plainNumber(m.Denominator) {
		out = append(out, fmt.Sprintf("numerator/denominator %s/%s → %s/%s",
			plainNumber(o.Numerator), plainNumber(o.Denominator), plainNumber(m.Numerator), plainNumber(m.Denominator)))
	}
	for _, f := range []struct{ name, old, new string }{
		{"note", o.Note, m.Note}, {"source", o.Source, m.Source}, {"status", string(o.Status), string(m.Status)},
	} {
		if f.old != f.new {
			out = append(out, fmt.Sprintf("%s %q → %q", f.name, f.old, f.new))
		}
	}
	return out
}

// plainNumber writes a number as the file would, "none" for no number.
func plainNumber(v *float64) string {
	if v == nil {
		return "none"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
