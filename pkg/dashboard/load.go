package dashboard

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// LoadAll reads every dashboard under fsys, laid out as
// <partnership>/<dashboard>.yaml. It reports every problem of every file at
// once, as one *domain.Error (EINVALID) listing each "FILE:LINE: problem".
// A file that is neither a dashboard nor a README.md is a problem too, so a
// mistyped extension does not make a dashboard silently vanish. Hidden files
// and folders (a leading dot) are skipped, as go:embed skips them.
func LoadAll(fsys fs.FS) ([]*Dashboard, error) {
	l := &loader{fsys: fsys, seen: map[string]string{}}
	if err := fs.WalkDir(fsys, ".", l.visit); err != nil {
		return nil, fmt.Errorf("load dashboards: %w", err)
	}
	if err := l.ps.err("invalid dashboards"); err != nil {
		return nil, err
	}
	return l.dashboards, nil
}

type loader struct {
	fsys       fs.FS
	ps         problems
	seen       map[string]string // "partnership/slug" -> file
	dashboards []*Dashboard
}

func (l *loader) visit(name string, e fs.DirEntry, err error) error {
	switch {
	case err != nil:
		return err
	case name != "." && strings.HasPrefix(e.Name(), "."):
		if e.IsDir() {
			return fs.SkipDir
		}
		return nil
	case e.IsDir() || e.Name() == "README.md":
		return nil
	}
	ext := path.Ext(name)
	if ext != ".yaml" && ext != ".yml" {
		l.ps.add(name, 1, "not a dashboard file: dashboard files end in .yaml (or .yml), and only README.md may sit beside them")
		return nil
	}
	data, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		return err
	}
	placed := l.placed(name)
	d, ps := parse(name, data)
	l.ps = append(l.ps, ps...)
	if placed && len(ps) == 0 {
		l.dashboards = append(l.dashboards, d)
	}
	return nil
}

// placed reports whether name is a well-named dashboard file: directly in a
// partnership folder, named with a slug (it becomes the page address), and
// the only file with that slug.
func (l *loader) placed(name string) bool {
	if strings.Count(name, "/") != 1 {
		l.ps.add(name, 1, "dashboard files go directly in a folder named after the partnership, e.g. anchorage-90-by-2020/graduation.yaml")
		return false
	}
	slug := slugOf(name)
	if !domain.ValidSlug(slug) {
		l.ps.add(name, 1, "file name %q is not a valid dashboard slug: use lowercase letters, digits and single hyphens (e.g. board-summary.yaml), as it becomes the page address", path.Base(name))
		return false
	}
	key := partnershipOf(name) + "/" + slug
	if other, dup := l.seen[key]; dup {
		l.ps.add(name, 1, "dashboard %q is defined twice (also in %s)", slug, other)
		return false
	}
	l.seen[key] = name
	return true
}
