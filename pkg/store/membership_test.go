package store_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

func TestSetMembershipInvalid(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("roles"), "seed")
		u := mustUser(t, db, "ana@example.org")
		tests := []struct {
			name        string
			role        domain.Role
			partner     string
			partnership string
			code, want  string
		}{
			{"contributor without partner", domain.RoleContributor, "", "roles", domain.EINVALID, "a contributor names the partner"},
			{"viewer with partner", domain.RoleViewer, "united-way", "roles", domain.EINVALID, "only a contributor names a partner"},
			{"invalid role", "owner", "", "roles", domain.EINVALID, `"owner" is not one of admin, editor, contributor, viewer, board`},
			{"unknown partner", domain.RoleContributor, "library", "roles", domain.EINVALID, `unknown partner "library"`},
			{"unknown partnership", domain.RoleViewer, "", "nowhere", domain.ENOTFOUND, `"nowhere" not found`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				m := domain.Membership{UserID: u.ID, Partnership: tt.partnership, Role: tt.role, Partner: tt.partner}
				wantCode(t, "SetMembership", db.SetMembership(t.Context(), m, "admin"), tt.code, tt.want)
			})
		}
		err := db.SetMembership(t.Context(), domain.Membership{UserID: 999, Partnership: "roles", Role: domain.RoleViewer}, "admin")
		wantCode(t, "unknown user", err, domain.ENOTFOUND, "user 999")
		if ms, _ := db.Memberships(t.Context(), u.ID); len(ms) != 0 {
			t.Errorf("Memberships = %+v after refusals, want none", ms)
		}
	})
}

func TestMemberships(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("alpha"), "seed")
		mustSave(t, db, sampleBundle("beta"), "seed")
		ana, ben := mustUser(t, db, "ana@example.org"), mustUser(t, db, "ben@example.org")
		mustMember(t, db, ana, "beta", domain.RoleContributor, "school-district")
		mustMember(t, db, ana, "alpha", domain.RoleViewer, "")
		mustMember(t, db, ben, "alpha", domain.RoleAdmin, "")
		mustMember(t, db, ana, "alpha", domain.RoleViewer, "") // unchanged: not audited
		mustMember(t, db, ana, "alpha", domain.RoleContributor, "united-way")

		got, err := db.Memberships(t.Context(), ana.ID)
		want := []domain.Membership{
			{UserID: ana.ID, Partnership: "alpha", Role: domain.RoleContributor, Partner: "united-way"},
			{UserID: ana.ID, Partnership: "beta", Role: domain.RoleContributor, Partner: "school-district"},
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Memberships = %+v, %v; want %+v", got, err, want)
		}
		members, err := db.Members(t.Context(), "alpha")
		if err != nil || len(members) != 2 || members[0].Email != ana.Email || members[0].Partner != "united-way" ||
			members[1].Email != ben.Email || members[1].Role != domain.RoleAdmin {
			t.Errorf("Members(alpha) = %+v, %v; want ana (contributor, united-way) and ben (admin)", members, err)
		}
		a := mustAudit(t, db, "alpha", "membership", ana.Email)
		if len(a) != 2 || a[0].Action != "update" || !strings.Contains(a[0].Old, `"role":"viewer"`) || !strings.Contains(a[0].New, `"partner":"united-way"`) {
			t.Errorf("membership audit = %+v, want the create and one update from viewer", a)
		}
		_, err = db.Members(t.Context(), "nowhere")
		wantCode(t, "Members of an unknown partnership", err, domain.ENOTFOUND, "")
	})
}

func TestRemoveMembership(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("leave"), "seed")
		u := mustUser(t, db, "ana@example.org")
		mustMember(t, db, u, "leave", domain.RoleEditor, "")
		secret, _ := mustToken(t, db, u, "leave", "script")
		if err := db.RemoveMembership(t.Context(), u.ID, "leave", "admin"); err != nil {
			t.Fatal(err)
		}
		if ms, _ := db.Memberships(t.Context(), u.ID); len(ms) != 0 {
			t.Errorf("Memberships = %+v, want none", ms)
		}
		_, _, err := db.TokenUser(t.Context(), secret)
		wantCode(t, "token of a removed member", err, domain.EUNAUTHORIZED, "")
		err = db.RemoveMembership(t.Context(), u.ID, "leave", "admin")
		wantCode(t, "removing twice", err, domain.ENOTFOUND, "not a member")
		for _, entity := range []string{"membership", "token"} {
			if a := mustAudit(t, db, "leave", entity, ""); len(a) != 2 || a[0].Action != "delete" || a[0].New != "" {
				t.Errorf("%s audit = %+v, want a create then a delete with the old value", entity, a)
			}
		}
	})
}
