package domain

import "testing"

// TestCan pins the permission table for the actions whose holders are
// easy to get wrong: importing and snapshots are backbone work, and the
// public only ever views what is published.
func TestCan(t *testing.T) {
	tests := []struct {
		act  Action
		want map[Role]bool // roles not listed may not
	}{
		{ActImportData, map[Role]bool{RoleAdmin: true, RoleEditor: true}},
		{ActCreateSnapshot, map[Role]bool{RoleAdmin: true, RoleEditor: true, RoleBoard: true}},
		{ActReadSnapshot, map[Role]bool{RoleAdmin: true, RoleEditor: true, RoleBoard: true}},
		{ActManageUsers, map[Role]bool{RoleAdmin: true}},
		{ActViewPrivate, map[Role]bool{RoleAdmin: true, RoleEditor: true, RoleContributor: true, RoleViewer: true, RoleBoard: true}},
		{ActViewPublished, map[Role]bool{"": true, RoleAdmin: true, RoleEditor: true, RoleContributor: true, RoleViewer: true, RoleBoard: true}},
	}
	for _, tt := range tests {
		for _, r := range append([]Role{""}, Roles...) {
			if got := Can(r, tt.act); got != tt.want[r] {
				t.Errorf("Can(%q, %s) = %v, want %v", r, tt.act, got, tt.want[r])
			}
		}
	}
}
