package dashboard

import (
	"os"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/seed"
)

// TestShippedDashboards loads the dashboards/ folder that ships in the
// binary and checks it against the real seed, as start-up does.
func TestShippedDashboards(t *testing.T) {
	ds, err := LoadAll(os.DirFS("../../dashboards"))
	if err != nil {
		t.Fatalf("LoadAll: %v", err)
	}
	bundles, err := seed.Load(os.DirFS("../../seed"))
	if err != nil {
		t.Fatalf("seed.Load: %v", err)
	}
	if err := Check(ds, BundleCatalog(bundles)); err != nil {
		t.Fatalf("Check: %v", err)
	}
	want := map[string]Audience{
		"anchorage-90-by-2020/graduation":           AudiencePublic,
		"anchorage-90-by-2020/board-summary":        AudienceBoard,
		"better-together-central-oregon/graduation": AudiencePublic,
		"better-together-central-oregon/on-track":   AudiencePartners,
	}
	for key, audience := range want {
		t.Run(key, func(t *testing.T) {
			partnership, slug, _ := strings.Cut(key, "/")
			d, ok := Find(ds, partnership, slug)
			if !ok {
				t.Fatalf("dashboard %s is missing", key)
			}
			if d.Audience != audience {
				t.Errorf("got audience %q, want %q", d.Audience, audience)
			}
		})
	}
}
