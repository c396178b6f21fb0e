package web

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

// adminTarget loads the admin page and the member named by :user, which
// must belong to the partnership: an admin acts on their own members only.
func (s *Server) adminTarget(c echo.Context) (*adminUsersPage, *store.Member, error) {
	page, err := s.adminUsersPageOf(c)
	if err != nil {
		return nil, nil, err
	}
	id, err := strconv.ParseInt(c.Param("user"), 10, 64)
	if err != nil {
		return nil, nil, domain.Errorf(domain.ENOTFOUND, "user %q not found", c.Param("user"))
	}
	m := memberOf(page.Members, id)
	if m == nil {
		return nil, nil, domain.Errorf(domain.ENOTFOUND, "user %d is not a member of partnership %q", id, page.P.Slug)
	}
	return page, m, nil
}

func (s *Server) adminSetRole(c echo.Context) error {
	page, target, err := s.adminTarget(c)
	if err != nil {
		return err
	}
	m, errs := membershipForm(page.P, c.FormValue("role"), c.FormValue("partner"))
	if len(errs) > 0 {
		return s.rerenderRow(c, page, target.ID, domain.Invalid("invalid role", errs))
	}
	if m.Role != domain.RoleAdmin {
		if err := lastAdmin(page, target, "take the admin role from"); err != nil {
			return s.rerenderRow(c, page, target.ID, err)
		}
	}
	m.UserID = target.ID
	if err := s.accounts.SetMembership(c.Request().Context(), m, actor(c)); err != nil {
		return s.rerenderRow(c, page, target.ID, err)
	}
	flash(c, target.Email+" is now "+string(m.Role)+".")
	if target.ID == who(c).User.ID && m.Role != domain.RoleAdmin { // stepped down: the list is no longer theirs
		return c.Redirect(http.StatusSeeOther, "/p/"+page.P.Slug)
	}
	return c.Redirect(http.StatusSeeOther, "/p/"+page.P.Slug+"/admin/users")
}

// adminResetPassword sets a member's password (there is no e-mail server to
// send a reset link) and ends their sessions.
func (s *Server) adminResetPassword(c echo.Context) error {
	page, target, err := s.adminTarget(c)
	if err != nil {
		return err
	}
	if err := s.mayResetPassword(c, target.ID); err != nil {
		return err
	}
	if err := s.accounts.SetPassword(c.Request().Context(), target.ID, c.FormValue("password"), actor(c)); err != nil {
		return s.rerenderRow(c, page, target.ID, err)
	}
	flash(c, "The password of "+target.Email+" was reset and their sessions ended. Give them the new password in person or by phone.")
	return c.Redirect(http.StatusSeeOther, "/p/"+page.P.Slug+"/admin/users")
}

// mayResetPassword refuses when the member also belongs to a partnership
// the admin does not administer: otherwise an admin of one partnership could
// take over an admin account of another.
func (s *Server) mayResetPassword(c echo.Context, userID int64) error {
	ms, err := s.accounts.Memberships(c.Request().Context(), userID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if who(c).role(m.Partnership) != domain.RoleAdmin {
			return domain.Errorf(domain.EFORBIDDEN, "this user is also a member of partnership %q, which you do not administer: "+
				"only someone who is admin of every partnership they belong to can reset their password", m.Partnership)
		}
	}
	return nil
}

func (s *Server) adminRemoveUser(c echo.Context) error {
	page, target, err := s.adminTarget(c)
	if err != nil {
		return err
	}
	if err := lastAdmin(page, target, "remove"); err != nil {
		return s.rerenderRow(c, page, target.ID, err)
	}
	if err := s.accounts.RemoveMembership(c.Request().Context(), target.ID, page.P.Slug, actor(c)); err != nil {
		return err
	}
	flash(c, target.Email+" no longer has a role in "+page.P.Name+"; their API tokens for it were deleted.")
	if target.ID == who(c).User.ID { // an admin who left can no longer see the list
		return c.Redirect(http.StatusSeeOther, "/account")
	}
	return c.Redirect(http.StatusSeeOther, "/p/"+page.P.Slug+"/admin/users")
}

// lastAdmin refuses to leave a partnership without an admin, who alone
// could give the role back.
func lastAdmin(page *adminUsersPage, target *store.Member, verb string) error {
	if target.Role != domain.RoleAdmin {
		return nil
	}
	for _, m := range page.Members {
		if m.Role == domain.RoleAdmin && m.ID != target.ID && !m.Disabled {
			return nil
		}
	}
	return domain.Errorf(domain.EINVALID, "cannot %s %s: they are the only admin of this partnership; make someone else admin first", verb, target.Email)
}

// rerenderRow shows the page again with the message next to the member the
// failed change was for.
func (s *Server) rerenderRow(c echo.Context, page *adminUsersPage, id int64, err error) error {
	msgs := map[string]string{}
	if !fieldMessages(err, msgs) {
		return err
	}
	var parts []string
	for _, field := range slices.Sorted(maps.Keys(msgs)) {
		if field == "" {
			parts = append(parts, msgs[field])
		} else {
			parts = append(parts, field+": "+msgs[field])
		}
	}
	page.RowErrors[id] = strings.Join(parts, "; ")
	return s.render(c, http.StatusUnprocessableEntity, "admin_users", page)
}
