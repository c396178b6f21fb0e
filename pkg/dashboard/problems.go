package dashboard

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/impactboard/impactboard/pkg/domain"
)

// problem is one thing wrong with one place in a dashboard file.
type problem struct {
	file string
	line int
	msg  string
}

// problems collects every problem found, so one start-up reports them all
// instead of making the staffer fix them one restart at a time.
type problems []problem

func (ps *problems) add(file string, line int, format string, args ...any) {
	*ps = append(*ps, problem{file: file, line: max(line, 1), msg: fmt.Sprintf(format, args...)})
}

// sortByLine orders one file's problems the way the staffer reads the file.
func (ps problems) sortByLine() {
	slices.SortStableFunc(ps, func(a, b problem) int { return cmp.Compare(a.line, b.line) })
}

// err returns an EINVALID error, or nil when there are no problems. Each
// problem becomes a field error whose text reads "FILE:LINE: problem", the
// form editors and CI logs turn into links.
func (ps problems) err(message string) error {
	fields := make([]domain.FieldError, len(ps))
	for i, p := range ps {
		fields[i] = domain.FieldError{Field: fmt.Sprintf("%s:%d", p.file, p.line), Message: p.msg}
	}
	return domain.Invalid(message, fields)
}
