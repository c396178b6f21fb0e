package seed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"

	"gopkg.in/yaml.v3"

	"github.com/impactboard/impactboard/pkg/domain"
)

// readPartnership decodes partnership.yaml. When the file has mistakes they
// are recorded and an empty bundle is returned, so that the CSV files are
// still checked and every problem is reported at once.
func (l *loader) readPartnership() (*domain.Bundle, error) {
	data, err := l.readFile(PartnershipFile)
	if err != nil {
		return nil, err
	}
	f := l.decodeYAML(data)
	if f == nil {
		return &domain.Bundle{}, nil
	}
	l.checkFolder(f.Partnership.Slug)
	return f.bundle(), nil
}

// decodeYAML decodes twice: strictly into the structs (unknown keys and
// wrong types are errors) and into a node tree that keeps the line of every
// key for later messages.
func (l *loader) decodeYAML(data []byte) *fileYAML {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		l.yamlErrors(err)
		return nil
	}
	l.doc = newDocument(&root)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f fileYAML
	if err := dec.Decode(&f); errors.Is(err, io.EOF) {
		l.fail(PartnershipFile, 0, "yaml", "the file is empty")
		return nil
	} else if err != nil {
		l.yamlErrors(err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		l.fail(PartnershipFile, extra.Line, "yaml", "the file holds more than one document (remove the --- line)")
		return nil
	}
	l.doc.index(&f)
	return &f
}

// checkFolder keeps a partnership's slug and its folder name the same, so
// that the folder an editor opens is the partnership they meant.
func (l *loader) checkFolder(slug string) {
	folder := path.Base(l.dir)
	if folder == "." || folder == slug {
		return
	}
	line := l.doc.line([]any{"partnership", "slug"})
	l.fail(PartnershipFile, line, "partnership", fmt.Sprintf("slug %q must be the folder's name %q", slug, folder))
}
