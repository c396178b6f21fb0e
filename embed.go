// Package impactboard embeds the files that ship inside the binary: the
// sample partnerships in seed/ and the dashboard definitions in dashboards/.
// It lives at the module root because go:embed cannot reach a parent folder.
package impactboard

import (
	"embed"
	"io/fs"
)

//go:embed seed
var seedFiles embed.FS

//go:embed dashboards
var dashboardFiles embed.FS

// SeedFS returns the built-in sample partnerships, rooted at seed/.
func SeedFS() fs.FS { return mustSub(seedFiles, "seed") }

// DashboardsFS returns the built-in dashboard definitions, rooted at dashboards/.
func DashboardsFS() fs.FS { return mustSub(dashboardFiles, "dashboards") }

func mustSub(f embed.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // dir is a constant embedded above; this cannot fail at run time
	}
	return sub
}
