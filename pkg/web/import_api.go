package web

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/tidy"
	"github.com/impactboard/impactboard/pkg/transfer"
)

// apiImportListed caps the added and the changed figures a dry run lists.
const apiImportListed = 1000

// apiImportResult is the body of every import answer. Changes are listed
// by dry runs only: changed figures first, then added ones.
type apiImportResult struct {
	Error     *apiErrorBody     `json:"error,omitempty"`
	DryRun    bool              `json:"dry_run"`
	Added     int               `json:"added"`
	Changed   int               `json:"changed"`
	Unchanged int               `json:"unchanged"`
	Errors    []tidy.Problem    `json:"errors"`
	Changes   []apiImportChange `json:"changes,omitempty"`
	Truncated bool              `json:"changes_truncated,omitempty"`
	// Fingerprint, of dry runs only, identifies the stored figures the
	// file touches: passed back as ?expect=, the apply is refused (409)
	// if they changed since.
	Fingerprint string `json:"fingerprint,omitempty"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

type apiImportChange struct {
	Row       int             `json:"row"`
	Kind      string          `json:"kind"` // "added" or "changed"
	Indicator string          `json:"indicator"`
	Year      int             `json:"year"`
	Dimension string          `json:"dimension"`
	Group     string          `json:"group"`
	Old       *apiImportValue `json:"old"`
	New       apiImportValue  `json:"new"`
}

type apiImportValue struct {
	Value       float64                  `json:"value"`
	Numerator   *float64                 `json:"numerator"`
	Denominator *float64                 `json:"denominator"`
	Note        string                   `json:"note"`
	Source      string                   `json:"source"`
	Status      domain.MeasurementStatus `json:"status"`
}

// errStaleAPI answers an apply whose ?expect= no longer matches.
var errStaleAPI = domain.Errorf(domain.ECONFLICT,
	"figures that this file touches were changed since the dry run whose fingerprint expect gives; nothing was imported: dry-run the file again, review it, and apply with its new fingerprint")

// apiImport dry-runs or applies a file sent as the body or the multipart
// field "file". Applying a file with any problem writes nothing and
// answers 422 with every problem; applying with ?expect= a dry run's
// fingerprint writes nothing and answers 409 when the figures it touches
// changed since that dry run. A query parameter it does not take is
// refused (400) before the file is read.
func (s *Server) apiImport(c echo.Context) error {
	p, err := s.partnership(c)
	if err != nil {
		return err
	}
	if err := onlyQueryParams(c.QueryParams(), importQueryParams); err != nil {
		return err
	}
	dry, expect, err := importParams(c.QueryParams())
	if err != nil {
		return err
	}
	u, f, err := s.receive(c, p.Slug, false)
	var tl *tooLargeError
	if errors.As(err, &tl) {
		return s.tooLargeResponse(c, err)
	} else if err != nil {
		return err
	}
	defer s.uploads().remove(u.ID)
	defer f.Close()
	if dry {
		plan, err := s.importDryRun(c, u, f, apiImportListed)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, dryRunResult(plan))
	}
	res, problems, err := s.apiApply(c, p.Slug, u, f, expect)
	if problems, err = asProblems(problems, err); errors.Is(err, transfer.ErrStale) {
		return errStaleAPI
	} else if err != nil {
		return err
	}
	out := apiImportResult{Added: res.Added, Changed: res.Changed, Unchanged: res.Unchanged, Errors: problems}
	if len(problems) > 0 {
		out.Error = &apiErrorBody{Code: domain.EINVALID, Message: fmt.Sprintf("the file has %d problem(s); nothing was imported", len(problems))}
		return c.JSON(http.StatusUnprocessableEntity, out)
	}
	out.Errors = []tidy.Problem{}
	return c.JSON(http.StatusOK, out)
}

// apiApply applies the kept upload: as previewed when expect (a dry
// run's fingerprint) is given, as it is otherwise.
func (s *Server) apiApply(c echo.Context, slug string, u upload, f *os.File, expect string) (store.SaveResult, []tidy.Problem, error) {
	ctx, actor, src := c.Request().Context(), who(c).User.Email, s.source(u, f)
	if expect != "" {
		return transfer.ApplyPreviewed(ctx, s.store, slug, actor, src, expect)
	}
	return transfer.Apply(ctx, s.store, slug, actor, src)
}

// importQueryParams are the query parameters the import endpoint reads.
var importQueryParams = []string{"dry_run", "expect"}

// onlyQueryParams refuses a query parameter not in allowed, or one given
// twice: a misspelt ?dryrun=true must not import for real.
func onlyQueryParams(q url.Values, allowed []string) error {
	for _, name := range slices.Sorted(maps.Keys(q)) {
		if !slices.Contains(allowed, name) {
			return domain.Errorf(domain.EINVALID, "unknown query parameter %q; nothing was imported: the import takes only %s",
				name, strings.Join(allowed, " and "))
		}
		if n := len(q[name]); n > 1 {
			return domain.Errorf(domain.EINVALID, "query parameter %q is given %d times; nothing was imported: give it once", name, n)
		}
	}
	return nil
}

// importParams reads ?dry_run (without it the file is applied, as the
// command line does without --dry-run) and ?expect, a dry run's
// fingerprint, which only an apply takes. A parameter given empty is
// not one left out.
func importParams(q url.Values) (bool, string, error) {
	expect := q.Get("expect")
	dry, err := dryRunParam(q.Has("dry_run"), q.Get("dry_run"))
	switch {
	case err != nil:
		return false, "", err
	case !q.Has("expect"):
		return dry, "", nil
	case dry:
		return false, "", domain.Errorf(domain.EINVALID, "expect goes with an apply: leave it out of a dry run, whose answer gives the fingerprint")
	case expect == "":
		// Most likely a script's empty variable: applying unchecked is
		// not what was asked.
		return false, "", domain.Errorf(domain.EINVALID,
			"expect is empty; nothing was imported: give the fingerprint of the dry run being confirmed, or leave expect out to apply the file to the figures as they are")
	}
	if err := transfer.CheckFingerprint(expect); err != nil {
		return false, "", domain.Errorf(domain.EINVALID, "expect: %s", domain.ErrorMessage(err))
	}
	return false, expect, nil
}

// dryRunParam reads ?dry_run: a bare ?dry_run or ?dry_run= asks for a dry
// run as ?dry_run=true does, since writing is never what it meant.
func dryRunParam(present bool, s string) (bool, error) {
	if !present {
		return false, nil
	}
	if s == "" {
		return true, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, domain.Errorf(domain.EINVALID, "dry_run must be true or false, got %q; nothing was imported", s)
	}
	return b, nil
}

func dryRunResult(plan tidy.Plan) apiImportResult {
	out := apiImportResult{DryRun: true, Added: plan.NumAdded, Changed: plan.NumChanged, Unchanged: plan.Unchanged,
		Errors: plan.Problems, Changes: []apiImportChange{}, Fingerprint: plan.Fingerprint}
	if out.Errors == nil {
		out.Errors = []tidy.Problem{}
	}
	for _, ch := range append(append([]tidy.Change{}, plan.Changed...), plan.Added...) {
		out.Changes = append(out.Changes, apiChange(ch))
	}
	out.Truncated = len(out.Changes) < plan.NumAdded+plan.NumChanged
	return out
}

func apiChange(ch tidy.Change) apiImportChange {
	m := ch.New
	out := apiImportChange{Row: ch.Row, Kind: "added", Indicator: m.Indicator, Year: m.Year, Dimension: m.Dimension, Group: m.Group,
		New: apiValue(m)}
	if ch.Old != nil {
		old := apiValue(*ch.Old)
		out.Kind, out.Old = "changed", &old
	}
	return out
}

func apiValue(m domain.Measurement) apiImportValue {
	return apiImportValue{Value: m.Value, Numerator: m.Numerator, Denominator: m.Denominator, Note: m.Note, Source: m.Source, Status: m.Status}
}
