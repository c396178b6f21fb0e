package web

import (
	"errors"
	"fmt"
	"net/http"
	"os"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/tidy"
	"github.com/impactboard/impactboard/pkg/transfer"
)

// importListed caps the added and the changed figures a preview lists; the
// counts cover the rest.
const importListed = 200

type importFormPage struct {
	layout
	P       *report.Partnership
	Error   string
	MaxSize string
}

// importPreviewPage shows what an import would do. Upload is the kept
// file's id, set only when there is something to apply and no problem.
type importPreviewPage struct {
	layout
	P            *report.Partnership
	File, Upload string
	Plan         tidy.Plan
	Tables       []changeTable // figures to change, then to add
	Stale        bool          // a confirmation was refused: the data changed since the preview
}

// changeTable lists figures to change (Changed) or to add; More counts
// those left out of the list.
type changeTable struct {
	Caption, Verb string
	Changed       bool
	Rows          []changeRow
	More          int
}

func (s *Server) importLayout(p *report.Partnership, title string) layout {
	return layout{Title: title, Crumbs: []crumb{{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}}}
}

func (s *Server) importForm(c echo.Context) error {
	p, err := s.partnership(c)
	if err != nil {
		return err
	}
	return s.renderImportForm(c, p, http.StatusOK, "")
}

func (s *Server) renderImportForm(c echo.Context, p *report.Partnership, status int, msg string) error {
	return s.render(c, status, "import", &importFormPage{layout: s.importLayout(p, "Import data"), P: p, Error: msg,
		MaxSize: tidy.FormatBytes(s.maxImportBytes())})
}

// importPreview keeps the uploaded file and shows the dry run; nothing is
// written until the preview is confirmed.
func (s *Server) importPreview(c echo.Context) error {
	p, err := s.partnership(c)
	if err != nil {
		return err
	}
	u, f, err := s.receive(c, p.Slug, true)
	if err != nil {
		return s.importRefused(c, p, err)
	}
	defer f.Close()
	page, plan, err := s.previewOf(c, p, u, f)
	if err != nil {
		return err
	}
	return s.render(c, previewStatus(plan), "import_preview", page)
}

// previewOf dry-runs the kept upload and makes its preview page, keeping
// the upload for its confirmation (see keepPreviewed).
func (s *Server) previewOf(c echo.Context, p *report.Partnership, u upload, f *os.File) (*importPreviewPage, tidy.Plan, error) {
	plan, err := s.importDryRun(c, u, f, importListed)
	if err != nil {
		return nil, plan, err
	}
	page, err := s.keepPreviewed(p, u, plan)
	return page, plan, err
}

// keepPreviewed makes the preview page of plan and keeps the upload for
// its confirmation with the plan's fingerprint, or drops it when there is
// nothing to confirm.
func (s *Server) keepPreviewed(p *report.Partnership, u upload, plan tidy.Plan) (*importPreviewPage, error) {
	page := newPreview(s.importLayout(p, "Import preview"), p, u, plan)
	if page.Upload == "" {
		s.uploads().remove(u.ID)
		return page, nil
	}
	u.Fingerprint = plan.Fingerprint
	return page, s.uploads().writeMeta(u)
}

// importApply imports the file kept at the preview, all or nothing.
func (s *Server) importApply(c echo.Context) error {
	p, err := s.partnership(c)
	if err != nil {
		return err
	}
	u, f, err := s.uploads().open(c.FormValue("upload"), who(c).User.ID, p.Slug)
	if err != nil {
		return s.importRefused(c, p, err)
	}
	defer f.Close()
	res, problems, err := transfer.ApplyPreviewed(c.Request().Context(), s.store, p.Slug, who(c).User.Email, s.source(u, f), u.Fingerprint)
	if problems, err = asProblems(problems, err); errors.Is(err, transfer.ErrStale) || err == nil && len(problems) > 0 {
		return s.previewAgain(c, p, u, f)
	} else if err != nil {
		return err
	}
	s.uploads().remove(u.ID)
	msg := fmt.Sprintf("Imported %s: %d added, %d changed, %d unchanged.", u.Name, res.Added, res.Changed, res.Unchanged)
	if res.Added+res.Changed == 0 {
		msg = fmt.Sprintf("Nothing to change: every figure in %s is already stored.", u.Name)
	}
	flash(c, msg)
	return c.Redirect(http.StatusSeeOther, "/p/"+p.Slug)
}

// previewAgain answers a confirmation refused because the stored data
// changed since the preview: nothing was written, and the file's preview
// as of now is shown to be reviewed (and, if it still applies, confirmed)
// again.
func (s *Server) previewAgain(c echo.Context, p *report.Partnership, u upload, f *os.File) error {
	page, _, err := s.previewOf(c, p, u, f)
	if err != nil {
		return err
	}
	page.Stale = true
	return s.render(c, http.StatusConflict, "import_preview", page)
}

// importRefused shows the form again with why the file was not taken.
func (s *Server) importRefused(c echo.Context, p *report.Partnership, err error) error {
	var tl *tooLargeError
	if errors.As(err, &tl) {
		return s.renderImportForm(c, p, http.StatusRequestEntityTooLarge, tl.msg)
	}
	if msg, ok := refusal(err); ok {
		return s.renderImportForm(c, p, http.StatusUnprocessableEntity, msg)
	}
	return err
}

func newPreview(l layout, p *report.Partnership, u upload, plan tidy.Plan) *importPreviewPage {
	page := &importPreviewPage{layout: l, P: p, File: u.Name, Plan: plan, Tables: []changeTable{
		{Caption: "Figures to change", Verb: "to change", Changed: true, Rows: changeRows(plan.Changed), More: plan.NumChanged - len(plan.Changed)},
		{Caption: "Figures to add", Verb: "to add", Rows: changeRows(plan.Added), More: plan.NumAdded - len(plan.Added)},
	}}
	if len(plan.Problems) == 0 && plan.NumAdded+plan.NumChanged > 0 {
		page.Upload = u.ID
	}
	return page
}

func previewStatus(plan tidy.Plan) int {
	if len(plan.Problems) > 0 {
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}
