package web

import (
	"context"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
)

// audience is what the requester may see of the :partnership in the path.
func (s *Server) audience(c echo.Context) report.Audience {
	return withPending(c, audienceFor(c, c.Param("partnership")))
}

// partnership loads the report of the :partnership in the path, or a
// not-found error that does not reveal whether an unpublished one exists.
func (s *Server) partnership(c echo.Context) (*report.Partnership, error) {
	slug := c.Param("partnership")
	p, err := s.report(c.Request().Context(), slug, s.audience(c))
	if err != nil {
		return nil, err
	}
	if !p.Published && !s.audience(c).Member {
		return nil, domain.Errorf(domain.ENOTFOUND, "partnership %q not found", slug)
	}
	return p, nil
}

// indicator loads the partnership and the :indicator in the path.
func (s *Server) indicator(c echo.Context) (*report.Partnership, *report.Indicator, error) {
	p, err := s.partnership(c)
	if err != nil {
		return nil, nil, err
	}
	r := p.Indicator(c.Param("indicator"))
	if r == nil {
		return nil, nil, domain.Errorf(domain.ENOTFOUND, "indicator %q not found in partnership %q", c.Param("indicator"), p.Slug)
	}
	return p, r, nil
}

// visiblePartnerships lists the partnerships the requester may see.
func (s *Server) visiblePartnerships(c echo.Context) ([]domain.Partnership, error) {
	all, err := s.store.ListPartnerships(c.Request().Context())
	if err != nil {
		return nil, err
	}
	out := make([]domain.Partnership, 0, len(all))
	for _, p := range all {
		if p.Published || audienceFor(c, p.Slug).Member {
			out = append(out, p)
		}
	}
	return out, nil
}

// reportCache keeps the latest report of each partnership per audience.
// An entry is reused only while the partnership's revision is unchanged, so
// a page costs one small query when nothing changed, even when several
// replicas share the database.
type reportCache struct {
	mu      sync.Mutex
	entries map[cacheKey]cachedReport
}

type cacheKey struct {
	slug string
	aud  report.Audience
	year int
}

type cachedReport struct {
	rev    int64
	report *report.Partnership
}

// report returns the partnership's report for aud, from the cache when the
// data has not changed since it was built. Reports are shared between
// requests and must not be modified.
func (s *Server) report(ctx context.Context, slug string, aud report.Audience) (*report.Partnership, error) {
	rev, err := s.store.Revision(ctx, slug)
	if err != nil {
		return nil, err
	}
	key := cacheKey{slug: slug, aud: aud, year: s.cfg.Now().Year()}
	if p, ok := s.cache.get(key, rev); ok {
		return p, nil
	}
	b, err := s.store.Bundle(ctx, slug)
	if err != nil {
		return nil, err
	}
	p := report.Build(b, aud, key.year)
	s.cache.put(key, cachedReport{rev: rev, report: p})
	return p, nil
}

func (rc *reportCache) get(key cacheKey, rev int64) (*report.Partnership, bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	e, ok := rc.entries[key]
	return e.report, ok && e.rev == rev
}

func (rc *reportCache) put(key cacheKey, e cachedReport) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.entries == nil {
		rc.entries = map[cacheKey]cachedReport{}
	}
	rc.entries[key] = e
}
