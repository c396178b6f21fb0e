package seed

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// File names inside a partnership folder.
const (
	PartnershipFile  = "partnership.yaml"
	MeasurementsFile = "measurements.csv"
	ComparisonsFile  = "comparisons.csv"
)

// Load reads every subfolder of fsys that holds a partnership.yaml and
// returns the bundles sorted by partnership slug. Folders without one are
// ignored, so the seed folder can hold a README and other notes.
func Load(fsys fs.FS) ([]*domain.Bundle, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read seed folder: %w", err)
	}
	var bundles []*domain.Bundle
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := fs.Stat(fsys, path.Join(e.Name(), PartnershipFile)); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		b, err := LoadDir(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		bundles = append(bundles, b)
	}
	slices.SortFunc(bundles, func(a, b *domain.Bundle) int {
		return strings.Compare(a.Partnership.Slug, b.Partnership.Slug)
	})
	return bundles, nil
}

// LoadDir reads one partnership folder and returns its validated bundle.
// Any problem returns a nil bundle and an error naming the path: a
// *domain.Error (EINVALID, with file:line, for mistakes in the files;
// ENOTFOUND for a missing file) or a wrapped error when a file cannot be read.
func LoadDir(fsys fs.FS, dir string) (*domain.Bundle, error) {
	l := &loader{fsys: fsys, dir: dir}
	b, err := l.load()
	if err != nil {
		return nil, err
	}
	return b, nil
}

// loader holds what is needed to turn validation errors back into file
// positions: the YAML tree and the CSV line of every figure.
type loader struct {
	fsys   fs.FS
	dir    string
	doc    *document
	mLines []int // CSV line of each measurement
	cLines []int // CSV line of each comparison
	errs   []domain.FieldError
}

func (l *loader) load() (*domain.Bundle, error) {
	b, err := l.readPartnership()
	if err != nil {
		return nil, err
	}
	if err := l.readMeasurements(b); err != nil {
		return nil, err
	}
	if err := l.readComparisons(b); err != nil {
		return nil, err
	}
	if len(l.errs) > 0 {
		return nil, l.invalid(l.errs)
	}
	if err := b.Validate(); err != nil {
		return nil, l.locate(err)
	}
	return b, nil
}

func (l *loader) invalid(errs []domain.FieldError) error {
	return domain.Invalid("invalid seed folder "+l.dir, errs)
}

// path names a file of the folder the way messages show it.
func (l *loader) path(name string) string { return path.Join(l.dir, name) }

// readFile returns the file's bytes. A missing file is a user mistake
// (ENOTFOUND); any other failure is wrapped with the path.
func (l *loader) readFile(name string) ([]byte, error) {
	p := l.path(name)
	data, err := fs.ReadFile(l.fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, domain.Errorf(domain.ENOTFOUND, "%s: file not found", p)
	}
	if err != nil {
		// The path is already in the message; keep only the cause.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return data, nil
}

// fail records a problem at a file position; line 0 means the whole file.
func (l *loader) fail(file string, line int, field, message string) {
	l.errs = append(l.errs, domain.FieldError{Place: place(l.path(file), line), Field: field, Message: message})
}

func place(p string, line int) string {
	if line <= 0 {
		return p
	}
	return fmt.Sprintf("%s:%d", p, line)
}
