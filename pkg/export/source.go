package export

import "github.com/impactboard/impactboard/pkg/report"

// Source is a partnership's report handed out one indicator at a time, so
// a writer holds one indicator's figures at most, or (report.Stream) one
// figure. The writers read nothing else.
type Source interface {
	// Report is everything but the figures: partnership, headline, goals
	// and each indicator's status.
	Report() *report.Partnership
	// Each calls fn for each indicator in order with a function that hands
	// out its figures, suppressed for the report's audience.
	Each(fn func(ind *report.Indicator, figures report.FigureFunc) error) error
}

// FromReport is a Source over a report built in memory (report.Build), as
// snapshots and single indicators have.
func FromReport(p *report.Partnership) Source { return built{p} }

type built struct{ p *report.Partnership }

func (b built) Report() *report.Partnership { return b.p }

func (b built) Each(fn func(*report.Indicator, report.FigureFunc) error) error {
	for _, ind := range b.p.Indicators {
		if err := fn(ind, figuresOf(ind)); err != nil {
			return err
		}
	}
	return nil
}

func figuresOf(ind *report.Indicator) report.FigureFunc {
	return func(yield func(report.Figure) error) error {
		for _, f := range ind.Figures {
			if err := yield(f); err != nil {
				return err
			}
		}
		return nil
	}
}
