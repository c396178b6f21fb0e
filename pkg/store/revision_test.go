package store_test

import (
	"testing"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
)

func TestRevisionChangesWithData(t *testing.T) {
	openWithClock(t, func(t *testing.T, db *store.DB, c *fixedClock) {
		if _, err := db.Revision(t.Context(), "nope"); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Fatalf("unknown slug: %v, want not_found", err)
		}
		mustSave(t, db, sampleBundle("rev"), "seed")
		first, err := db.Revision(t.Context(), "rev")
		if err != nil || first == 0 {
			t.Fatalf("revision after first save = %d, %v; want > 0", first, err)
		}
		mustSave(t, db, sampleBundle("rev"), "seed")
		if again, _ := db.Revision(t.Context(), "rev"); again != first {
			t.Errorf("unchanged save moved the revision from %d to %d", first, again)
		}
		b := sampleBundle("rev")
		b.Measurements[0].Value++
		mustSave(t, db, b, "editor")
		if changed, _ := db.Revision(t.Context(), "rev"); changed <= first {
			t.Errorf("revision after a change = %d, want > %d", changed, first)
		}
	})
}
