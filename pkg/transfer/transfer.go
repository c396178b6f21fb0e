// Package transfer runs imports of tidy CSV and XLSX files into a
// partnership's figures: the dry run and the all-or-nothing apply that the
// command line, the pages and the API share, so the three surfaces give the
// same answers. Reading the file is the caller's (with a progress bar, or
// from an upload); transfer decides what a pass does with the rows.
package transfer

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/tidy"
)

// MaxProblems caps the problems found by checking rows against the
// indicators, as tidy caps those it finds reading them.
const MaxProblems = 1000

// Store is the part of the store an import needs. *store.DB implements it.
type Store interface {
	ReadExport(ctx context.Context, slug string, fn func(*domain.Bundle, store.FigureReader) error) error
	Indicators(ctx context.Context, partnership string) ([]domain.Indicator, error)
	ImportMeasurements(ctx context.Context, partnership string, rows func(yield func(domain.Measurement) error) error,
		actor string, opts ...store.ImportOptions) (store.SaveResult, error)
}

// Source reads the import file from its start each time it is called, as
// tidy.Parse does. pass names the reading ("reading", "checking",
// "importing") and total is the row count of an earlier pass (0 when
// unknown), for a progress display.
type Source func(pass string, total int, each func(tidy.Row) error) ([]tidy.Problem, error)

// ErrStale refuses to apply a previewed file whose stored figures changed
// since the preview: applying it would silently overwrite that edit.
var ErrStale = domain.Errorf(domain.ECONFLICT, "the data changed since the preview; review again")

// CheckFingerprint refuses s unless it has the form of a dry run's
// fingerprint (tidy.Plan.Fingerprint: 64 hexadecimal digits), so that a
// mistyped or truncated one is a usage error, not a refusal saying the
// data changed.
func CheckFingerprint(s string) error {
	if len(s) != 64 || strings.Trim(s, "0123456789abcdef") != "" {
		return domain.Errorf(domain.EINVALID, "%q is not a fingerprint: a dry run gives one of 64 hexadecimal digits (0-9, a-f)", s)
	}
	return nil
}

// DryRun works out what importing src into partnership would do, writing
// nothing. The plan lists at most list added and list changed figures (all
// when list < 0) and every problem, of reading and of checking, in row
// order.
func DryRun(ctx context.Context, st Store, partnership string, src Source, list int) (tidy.Plan, error) {
	plan, _, err := dryRun(ctx, st, partnership, src, list)
	return plan, err
}

// dryRun is DryRun, also returning what applying the plan needs: the row
// count and the fields the file has no column for.
func dryRun(ctx context.Context, st Store, partnership string, src Source, list int) (tidy.Plan, checked, error) {
	var c checked
	planner, err := storedPlanner(ctx, st, partnership, list)
	if err != nil {
		return tidy.Plan{}, c, err
	}
	problems, err := src("reading", 0, func(r tidy.Row) error {
		c.rows, c.absent = c.rows+1, r.Absent
		planner.Add(r)
		return nil
	})
	if err != nil {
		return tidy.Plan{}, c, err
	}
	plan := planner.Plan()
	plan.Problems = tidy.SortProblems(problems, plan.Problems)
	c.problems = plan.Problems
	return plan, c, nil
}

// storedPlanner is a planner holding the partnership's stored figures, of
// every status, read from the store one at a time: the planner keeps them
// compactly, where loading the bundle held each as a domain.Measurement
// (a dry run of a million rows against a million figures peaked at 886 MB;
// it now peaks at 390 MB).
func storedPlanner(ctx context.Context, st Store, partnership string, list int) (*tidy.Planner, error) {
	var pl *tidy.Planner
	err := st.ReadExport(ctx, partnership, func(b *domain.Bundle, figures store.FigureReader) error {
		pl = tidy.NewPlanner(b, list)
		for _, ind := range b.Indicators {
			err := figures(store.FigureQuery{Indicator: ind.Slug}, func(m domain.Measurement) error {
				pl.Stored(m)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return pl, err
}

// ApplyPreviewed is Apply for a file someone confirmed after seeing its
// dry run, whose plan had fingerprint: if the stored figures the file
// touches are no longer those the preview showed, it writes nothing and
// returns ErrStale, for the file to be reviewed again. (An edit in the
// instant between this check and the import's transaction still goes
// unnoticed; the store has no compare-and-set to close that.)
func ApplyPreviewed(ctx context.Context, st Store, partnership, actor string, src Source, fingerprint string) (store.SaveResult, []tidy.Problem, error) {
	plan, c, err := dryRun(ctx, st, partnership, src, 0)
	switch {
	case err != nil || len(c.problems) > 0:
		return store.SaveResult{}, c.problems, err
	case plan.Fingerprint != fingerprint:
		return store.SaveResult{}, nil, ErrStale
	}
	res, err := write(ctx, st, partnership, actor, src, c)
	return res, nil, err
}

// Apply imports src into partnership as actor: the whole file is checked
// first, so that a problem on its last row stops the import before
// anything is written; then every figure is written in one transaction.
// Problems are returned, with nothing written, as a list rather than an
// error, for the caller to show them all.
func Apply(ctx context.Context, st Store, partnership, actor string, src Source) (store.SaveResult, []tidy.Problem, error) {
	c, err := check(ctx, st, partnership, src)
	if err != nil || len(c.problems) > 0 {
		return store.SaveResult{}, c.problems, err
	}
	// The check's key map is garbage now; handing its pages back before the
	// import builds its own keeps the peak (measured on a million rows) to
	// one of them.
	debug.FreeOSMemory()
	res, err := write(ctx, st, partnership, actor, src, c)
	return res, nil, err
}

// write imports the checked file in one transaction.
func write(ctx context.Context, st Store, partnership, actor string, src Source, c checked) (store.SaveResult, error) {
	return st.ImportMeasurements(ctx, partnership, func(yield func(domain.Measurement) error) error {
		problems, err := src("importing", c.rows, func(r tidy.Row) error { return yield(r.M) })
		if err == nil && len(problems) > 0 {
			err = domain.Errorf(domain.ECONFLICT, "the file changed while it was imported (%s); nothing was imported", problems[0])
		}
		return err
	}, actor, store.ImportOptions{Keep: c.absent})
}

// checked is what checking a file found out: its row count, for progress,
// the fields it has no column for, which the import keeps as stored, and
// its problems.
type checked struct {
	rows     int
	absent   []string
	problems []tidy.Problem
}

// check reads the whole file and checks every row against the
// partnership's indicators. Unlike DryRun it holds no stored figures, so a
// large file is checked in little memory.
func check(ctx context.Context, st Store, partnership string, src Source) (checked, error) {
	var out checked
	inds, err := st.Indicators(ctx, partnership)
	if err != nil {
		return out, err
	}
	checker := tidy.NewChecker(partnership, inds)
	var found []tidy.Problem
	dropped := 0
	problems, err := src("checking", 0, func(r tidy.Row) error {
		out.rows, out.absent = out.rows+1, r.Absent
		for _, p := range checker.Check(r) {
			if len(found) < MaxProblems {
				found = append(found, p)
			} else {
				dropped++
			}
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	if dropped > 0 {
		found = append(found, tidy.Problem{Message: fmt.Sprintf("and %d more problems", dropped)})
	}
	out.problems = tidy.SortProblems(problems, found)
	return out, nil
}
