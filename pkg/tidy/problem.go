package tidy

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with an import file. Row is the row as a
// spreadsheet shows it (the header is row 1); 0 means the whole file.
// Column is the column's name, or "" when the problem is the row's.
type Problem struct {
	Row     int    `json:"row"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}

// String renders p as "row 7, column value: message".
func (p Problem) String() string {
	var place []string
	if p.Row > 0 {
		place = append(place, fmt.Sprintf("row %d", p.Row))
	}
	if p.Column != "" {
		place = append(place, "column "+p.Column)
	}
	if len(place) == 0 {
		return p.Message
	}
	return strings.Join(place, ", ") + ": " + p.Message
}

// maxProblems caps the list: a file with a wrong separator or encoding has
// a problem on every row, and a million copies help no one.
const maxProblems = 1000

// problems collects problems up to maxProblems and counts the rest.
type problems struct {
	list    []Problem
	dropped int
}

func (ps *problems) add(row int, column, format string, args ...any) {
	ps.addProblem(Problem{Row: row, Column: column, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) addProblem(p Problem) {
	if len(ps.list) >= maxProblems {
		ps.dropped++
		return
	}
	ps.list = append(ps.list, p)
}

func (ps *problems) len() int { return len(ps.list) + ps.dropped }

// result returns the list, ending with a count of the problems left out.
func (ps *problems) result() []Problem {
	if ps.dropped > 0 {
		return append(ps.list, moreProblems(ps.dropped))
	}
	return ps.list
}

const moreFormat = "and %d more problems"

func moreProblems(n int) Problem { return Problem{Message: fmt.Sprintf(moreFormat, n)} }

// SortProblems merges lists of problems (of reading a file, of checking its
// rows) into row order, file-level problems first and problems of one row
// in their order. Their counts of problems left out become one, last.
func SortProblems(lists ...[]Problem) []Problem {
	var out []Problem
	more := 0
	for _, list := range lists {
		for _, p := range list {
			var n int
			if p.Row == 0 && p.Column == "" {
				if _, err := fmt.Sscanf(p.Message, moreFormat, &n); err == nil {
					more += n
					continue
				}
			}
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Row < out[j].Row })
	if more > 0 {
		out = append(out, moreProblems(more))
	}
	return out
}
