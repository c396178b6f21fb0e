package domain

import (
	"slices"
	"time"
)

// Role is what a user may do in one partnership.
type Role string

// Roles, from most to least powerful. The public has no role.
const (
	RoleAdmin       Role = "admin"
	RoleEditor      Role = "editor"
	RoleContributor Role = "contributor"
	RoleViewer      Role = "viewer"
	RoleBoard       Role = "board"
)

// Roles lists every role.
var Roles = []Role{RoleAdmin, RoleEditor, RoleContributor, RoleViewer, RoleBoard}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Action is something a request wants to do; Can decides who may.
type Action string

// Actions. Every route names exactly one, so authorization lives in one table.
const (
	ActViewPublished  Action = "view_published"  // published dashboards, suppressed
	ActViewPrivate    Action = "view_private"    // unpublished partnership, small cells, pending data
	ActEnterData      Action = "enter_data"      // enter figures (contributors: their indicators, as submitted)
	ActApproveData    Action = "approve_data"    // approve or return submitted figures
	ActEditAgenda     Action = "edit_agenda"     // partners, goals, indicators
	ActManageSettings Action = "manage_settings" // partnership settings
	ActManageUsers    Action = "manage_users"    // users, roles, password resets
	ActCreateSnapshot Action = "create_snapshot" // snapshots and exports with small cells
	// ActReadSnapshot lists, shows and downloads snapshots. Snapshots hold
	// small cells and are meant for the board packet, so only those who may
	// take them may read them (PRODUCT.md: board = viewer + snapshots).
	ActReadSnapshot    Action = "read_snapshot"
	ActImportData      Action = "import_data" // bulk import of figures from CSV or XLSX
	ActManageOwnTokens Action = "manage_own_tokens"
)

var permissions = map[Role][]Action{
	RoleAdmin: {ActViewPublished, ActViewPrivate, ActEnterData, ActApproveData, ActEditAgenda, ActManageSettings,
		ActManageUsers, ActCreateSnapshot, ActReadSnapshot, ActImportData, ActManageOwnTokens},
	RoleEditor: {ActViewPublished, ActViewPrivate, ActEnterData, ActApproveData, ActEditAgenda, ActCreateSnapshot,
		ActReadSnapshot, ActImportData, ActManageOwnTokens},
	RoleContributor: {ActViewPublished, ActViewPrivate, ActEnterData, ActManageOwnTokens},
	RoleViewer:      {ActViewPublished, ActViewPrivate, ActManageOwnTokens},
	RoleBoard:       {ActViewPublished, ActViewPrivate, ActCreateSnapshot, ActReadSnapshot, ActManageOwnTokens},
}

// Can reports whether role may do act. The empty role is the public, who
// may only view what is published.
func Can(role Role, act Action) bool {
	if role == "" {
		return act == ActViewPublished
	}
	return slices.Contains(permissions[role], act)
}

// User is a person who can log in.
type User struct {
	ID        int64     `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	Disabled  bool      `json:"disabled,omitempty"`
}

// Membership gives a user a role in a partnership. A contributor names the
// partner (organization) whose indicators they steward.
type Membership struct {
	UserID      int64  `json:"user_id"`
	Partnership string `json:"partnership"`
	Role        Role   `json:"role"`
	Partner     string `json:"partner,omitempty"`
}

// Token is an API bearer token, scoped to one partnership and to its
// owner's role there. Only its hash is stored.
type Token struct {
	ID          int64      `json:"id"`
	UserID      int64      `json:"user_id"`
	Partnership string     `json:"partnership"`
	Name        string     `json:"name"`
	CreatedAt   time.Time  `json:"created_at"`
	LastUsedAt  *time.Time `json:"last_used_at,omitempty"`
	RevokedAt   *time.Time `json:"revoked_at,omitempty"`
}
