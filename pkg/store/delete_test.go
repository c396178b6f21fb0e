package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

// deletableBundle is sampleBundle with a partner and a goal nothing needs.
func deletableBundle(slug string) *domain.Bundle {
	b := sampleBundle(slug)
	b.Partners = append(b.Partners, domain.Partner{Slug: "library", Name: "Library", Sector: "community",
		Contributes: []string{"chronic-absence"}})
	b.Goals = append(b.Goals, domain.Goal{Slug: "spare", Title: "Spare goal", Position: 2})
	b.Comparisons = append(b.Comparisons, domain.Comparison{Indicator: "chronic-absence", Geography: "State", Year: 2012, Value: 15})
	return b
}

func TestDeleteRefused(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, deletableBundle("keep"), "seed")
		mustMember(t, db, mustUser(t, db, "ana@example.org"), "keep", domain.RoleContributor, "library")
		tests := []struct {
			name       string
			del        func() error
			code, want string
		}{
			{"backbone", func() error { return db.DeletePartner(t.Context(), "keep", "united-way", "admin") },
				domain.ECONFLICT, "it is the partnership's backbone"},
			{"steward", func() error { return db.DeletePartner(t.Context(), "keep", "school-district", "admin") },
				domain.ECONFLICT, "it stewards graduation-rate"},
			{"contributor accounts", func() error { return db.DeletePartner(t.Context(), "keep", "library", "admin") },
				domain.ECONFLICT, "1 contributor account(s)"},
			{"unknown partner", func() error { return db.DeletePartner(t.Context(), "keep", "nobody", "admin") },
				domain.ENOTFOUND, `partner "nobody" not found`},
			{"goal in use", func() error { return db.DeleteGoal(t.Context(), "keep", "graduation", "admin") },
				domain.ECONFLICT, "indicators graduation-rate, chronic-absence are under it"},
			{"predicted indicator", func() error { return db.DeleteIndicator(t.Context(), "keep", "graduation-rate", "admin", true) },
				domain.ECONFLICT, "chronic-absence predict(s) it"},
			{"indicator with figures", func() error { return db.DeleteIndicator(t.Context(), "keep", "chronic-absence", "admin", false) },
				domain.ECONFLICT, `indicator "chronic-absence" has 2 figures: confirm to delete them too`},
			{"no actor", func() error { return db.DeleteGoal(t.Context(), "keep", "spare", "") },
				domain.EINVALID, "an actor"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) { wantCode(t, tt.name, tt.del(), tt.code, tt.want) })
		}
		if got := mustBundle(t, db, "keep"); len(got.Partners) != 3 || len(got.Goals) != 2 || len(got.Indicators) != 2 ||
			len(got.Measurements) != 5 {
			t.Errorf("after refused deletions: %d partners, %d goals, %d indicators, %d figures; want all kept",
				len(got.Partners), len(got.Goals), len(got.Indicators), len(got.Measurements))
		}
	})
}

func TestDeletePartnerAndGoal(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, deletableBundle("prune"), "seed")
		if err := db.DeletePartner(t.Context(), "prune", "library", "admin"); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteGoal(t.Context(), "prune", "spare", "admin"); err != nil {
			t.Fatal(err)
		}
		b := mustBundle(t, db, "prune")
		if len(b.Partners) != 2 || len(b.Goals) != 1 {
			t.Errorf("%d partners, %d goals; want 2 and 1", len(b.Partners), len(b.Goals))
		}
		for _, tt := range []struct{ entity, key, old string }{
			{"partner", "library", `"contributes":["chronic-absence"]`},
			{"goal", "spare", `"title":"Spare goal"`},
		} {
			a := mustAudit(t, db, "prune", tt.entity, tt.key)
			if len(a) != 2 || a[0].Action != "delete" || a[0].Actor != "admin" || !strings.Contains(a[0].Old, tt.old) {
				t.Errorf("%s audit = %+v, want a delete holding %s", tt.entity, a, tt.old)
			}
		}
	})
}

func TestDeleteIndicatorWithData(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, deletableBundle("drop"), "seed")
		before, _ := db.Revision(t.Context(), "drop")
		if err := db.DeleteIndicator(t.Context(), "drop", "chronic-absence", "admin", true); err != nil {
			t.Fatal(err)
		}
		b := mustBundle(t, db, "drop")
		if _, ok := b.Indicator("chronic-absence"); ok || len(b.Measurements) != 4 || len(b.Comparisons) != 2 {
			t.Errorf("indicator still there (%v), %d measurements, %d comparisons; want it gone with its 2 figures",
				ok, len(b.Measurements), len(b.Comparisons))
		}
		for _, p := range b.Partners {
			if slices.Contains(p.Contributes, "chronic-absence") {
				t.Errorf("partner %s still contributes to chronic-absence", p.Slug)
			}
		}
		var got []string
		for _, a := range mustAudit(t, db, "drop", "", "") {
			if a.Actor != "admin" {
				break // older rows, from the seed
			}
			got = append(got, a.Entity+" "+a.Key+" "+a.Action)
		}
		slices.Sort(got)
		want := []string{
			"comparison chronic-absence/State/2012// delete",
			"indicator chronic-absence delete",
			"measurement chronic-absence/2012// delete",
			"partner library update",
			"partner school-district update",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("audit rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if after, _ := db.Revision(t.Context(), "drop"); after <= before {
			t.Errorf("revision %d after the deletion, want more than %d", after, before)
		}
	})
}
