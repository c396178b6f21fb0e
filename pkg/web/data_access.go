package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
)

// withPending adds the figures awaiting approval to what a member sees when
// they ask for them with ?pending=1. The public never gets them, whatever
// the query says.
func withPending(c echo.Context, aud report.Audience) report.Audience {
	aud.Pending = aud.Member && c.QueryParam("pending") == "1"
	return aud
}

// entrant is who is entering figures for one indicator, and how.
type entrant struct {
	Actor string
	// Contributor entries wait for approval and may not touch approved
	// figures: an approved figure is corrected by an editor.
	Contributor bool
}

// status is what the entrant's new or changed figures become.
func (e entrant) status() domain.MeasurementStatus {
	if e.Contributor {
		return domain.StatusSubmitted
	}
	return domain.StatusApproved
}

// entrantFor applies the rule the route table cannot express: a
// contributor enters data only for the indicators their organization
// stewards. authorize has already checked ActEnterData.
func entrantFor(c echo.Context, slug string, ind domain.Indicator) (entrant, error) {
	p := who(c)
	m, _ := p.membership(slug)
	e := entrant{Actor: p.User.Email, Contributor: m.Role == domain.RoleContributor}
	if !e.Contributor {
		return e, nil
	}
	if ind.Steward == "" || ind.Steward != m.Partner {
		return e, domain.Errorf(domain.EFORBIDDEN,
			"contributors enter data only for the indicators their organization stewards: %q is stewarded by %s, and you contribute for %s",
			ind.Slug, stewardLabel(ind.Steward), stewardLabel(m.Partner))
	}
	return e, nil
}

func stewardLabel(s string) string {
	if strings.TrimSpace(s) == "" {
		return "no partner"
	}
	return "partner " + s
}
