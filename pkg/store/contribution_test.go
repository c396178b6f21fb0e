package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

func TestSetContributions(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("set"), "seed")
		tests := []struct {
			name      string
			partner   string
			set, want []string // want: stored afterwards, in indicator order
			audited   bool
		}{
			{"withdraw one", "school-district", []string{"graduation-rate"}, []string{"graduation-rate"}, true},
			{"add and reorder", "school-district", []string{"chronic-absence", "graduation-rate"}, []string{"graduation-rate", "chronic-absence"}, true},
			{"same set", "school-district", []string{"chronic-absence", "graduation-rate", "graduation-rate"}, []string{"graduation-rate", "chronic-absence"}, false},
			{"withdraw all", "united-way", nil, nil, true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := len(mustAudit(t, db, "set", "partner", tt.partner))
				if err := db.SetContributions(t.Context(), "set", tt.partner, tt.set, "editor"); err != nil {
					t.Fatal(err)
				}
				b := mustBundle(t, db, "set")
				p := b.Partners[slices.IndexFunc(b.Partners, func(p domain.Partner) bool { return p.Slug == tt.partner })]
				if !slices.Equal(p.Contributes, tt.want) {
					t.Errorf("contributes = %q, want %q", p.Contributes, tt.want)
				}
				a := mustAudit(t, db, "set", "partner", tt.partner)
				if got := len(a) - before; got != map[bool]int{true: 1}[tt.audited] {
					t.Fatalf("%d new audit rows, want audited=%v", got, tt.audited)
				}
				if tt.audited && (a[0].Action != "update" || a[0].Actor != "editor" || a[0].Old == a[0].New) {
					t.Errorf("audit = %+v, want an update by editor", a[0])
				}
			})
		}
		if a := mustAudit(t, db, "set", "partner", "united-way"); !strings.Contains(a[0].Old, `"contributes":["graduation-rate"]`) ||
			strings.Contains(a[0].New, "graduation-rate") {
			t.Errorf("withdraw-all audit old %s new %s, want the contribution in old only", a[0].Old, a[0].New)
		}
	})
}

func TestSetContributionsRefused(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("refuse"), "seed")
		tests := []struct {
			name, partnership, partner string
			set                        []string
			actor, code, want          string
		}{
			{"unknown indicator", "refuse", "united-way", []string{"graduation-rate", "nope"}, "editor", domain.EINVALID, `unknown indicator "nope"`},
			{"unknown partner", "refuse", "nobody", nil, "editor", domain.ENOTFOUND, `partner "nobody" not found`},
			{"unknown partnership", "other", "united-way", nil, "editor", domain.ENOTFOUND, `partnership "other" not found`},
			{"no actor", "refuse", "united-way", nil, "", domain.EINVALID, "an actor"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := db.SetContributions(t.Context(), tt.partnership, tt.partner, tt.set, tt.actor)
				wantCode(t, tt.name, err, tt.code, tt.want)
			})
		}
		if got := mustBundle(t, db, "refuse"); !slices.Equal(got.Partners[1].Contributes, []string{"graduation-rate"}) {
			t.Errorf("after refusals united-way contributes %q, want it kept", got.Partners[1].Contributes)
		}
	})
}
