package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
	"github.com/impactboard/impactboard/pkg/store"
)

// adminUsersPage lists a partnership's members with the forms that manage
// them. Errors maps a field of the add form to its message; RowErrors
// holds the message of a failed change to one member, by user id.
type adminUsersPage struct {
	layout
	P         *report.Partnership
	Members   []store.Member
	Roles     []domain.Role
	Add       addUserForm
	Errors    map[string]string
	RowErrors map[int64]string
	MinLength int
}

type addUserForm struct {
	Email, Name, Role, Partner string
}

func (s *Server) adminUsersPageOf(c echo.Context) (*adminUsersPage, error) {
	p, err := s.partnership(c)
	if err != nil {
		return nil, err
	}
	ms, err := s.accounts.Members(c.Request().Context(), p.Slug)
	if err != nil {
		return nil, err
	}
	return &adminUsersPage{
		layout: layout{Title: "Users and roles", Crumbs: []crumb{{"Partnerships", "/"}, {p.Name, "/p/" + p.Slug}}},
		P:      p, Members: ms, Roles: domain.Roles, Add: addUserForm{Role: string(domain.RoleViewer)},
		Errors: map[string]string{}, RowErrors: map[int64]string{}, MinLength: store.MinPasswordLength,
	}, nil
}

func (s *Server) adminUsers(c echo.Context) error {
	page, err := s.adminUsersPageOf(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "admin_users", page)
}

// adminAddUser creates an account and gives it a role, or gives a role to
// an account that already exists (its password stays as it is).
func (s *Server) adminAddUser(c echo.Context) error {
	page, err := s.adminUsersPageOf(c)
	if err != nil {
		return err
	}
	f := addUserForm{Email: strings.ToLower(strings.TrimSpace(c.FormValue("email"))), Name: strings.TrimSpace(c.FormValue("name")),
		Role: c.FormValue("role"), Partner: c.FormValue("partner")}
	page.Add = f
	m, errs := membershipForm(page.P, f.Role, f.Partner)
	if len(errs) > 0 {
		return s.rerenderAdd(c, page, domain.Invalid("invalid user", errs))
	}
	u, existed, err := s.findOrCreateUser(c, f, c.FormValue("password"))
	if err != nil {
		return s.rerenderAdd(c, page, err)
	}
	if existed && memberOf(page.Members, u.ID) != nil {
		return s.rerenderAdd(c, page, domain.Invalid("invalid user", []domain.FieldError{{Field: "email",
			Message: u.Email + " is already a member of this partnership: change their role in the table instead"}}))
	}
	m.UserID = u.ID
	if err := s.accounts.SetMembership(c.Request().Context(), m, actor(c)); err != nil {
		return s.rerenderAdd(c, page, err)
	}
	msg := "Added " + u.Email + " as " + string(m.Role) + "."
	if existed {
		msg += " They already had an account: their password is unchanged."
	}
	flash(c, msg)
	return c.Redirect(http.StatusSeeOther, "/p/"+page.P.Slug+"/admin/users")
}

// findOrCreateUser returns the account with the form's email, creating it
// (with the admin's initial password) when there is none.
func (s *Server) findOrCreateUser(c echo.Context, f addUserForm, password string) (domain.User, bool, error) {
	ctx := c.Request().Context()
	u, err := s.accounts.UserByEmail(ctx, f.Email)
	if err == nil {
		return u, true, nil
	} else if domain.ErrorCode(err) != domain.ENOTFOUND {
		return u, false, err
	}
	name := f.Name
	if name == "" {
		name = f.Email
	}
	u, err = s.accounts.CreateUser(ctx, f.Email, name, password, actor(c))
	return u, false, err
}

func (s *Server) rerenderAdd(c echo.Context, page *adminUsersPage, err error) error {
	if !fieldMessages(err, page.Errors) {
		return err
	}
	return s.render(c, http.StatusUnprocessableEntity, "admin_users", page)
}

// membershipForm checks a role and partner from a form against the
// partnership. A partner chosen with any role but contributor is ignored:
// the form shows the partner list to everyone.
func membershipForm(p *report.Partnership, role, partner string) (domain.Membership, []domain.FieldError) {
	m := domain.Membership{Partnership: p.Slug, Role: domain.Role(role)}
	switch {
	case !m.Role.Valid():
		return m, []domain.FieldError{{Field: "role", Message: "choose one of admin, editor, contributor, viewer, board"}}
	case m.Role != domain.RoleContributor:
		return m, nil
	case partner == "":
		return m, []domain.FieldError{{Field: "partner", Message: "a contributor enters data for one partner: choose it"}}
	}
	for _, pr := range p.Bundle.Partners {
		if pr.Slug == partner {
			m.Partner = partner
			return m, nil
		}
	}
	return m, []domain.FieldError{{Field: "partner", Message: "unknown partner " + partner}}
}

// fieldMessages copies the field messages of an EINVALID error into to and
// reports whether err was one; other errors go to the error page.
func fieldMessages(err error, to map[string]string) bool {
	if domain.ErrorCode(err) != domain.EINVALID {
		return false
	}
	var de *domain.Error
	if !errors.As(err, &de) || len(de.Fields) == 0 {
		to[""] = domain.ErrorMessage(err)
		return true
	}
	for _, f := range de.Fields {
		to[f.Field] = f.Message
	}
	return true
}

func memberOf(ms []store.Member, id int64) *store.Member {
	for i := range ms {
		if ms[i].ID == id {
			return &ms[i]
		}
	}
	return nil
}

// actor names the signed-in user in audit entries.
func actor(c echo.Context) string {
	if u := who(c).User; u != nil {
		return u.Email
	}
	return ""
}
