package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/report"
)

//go:embed templates
var templateFiles embed.FS

var pageNames = []string{"home", "overview", "indicator", "goal", "partner", "dashboard", "about", "error", "login", "data_grid", "data_review", "data_history", "admin_users", "account", "account_token", "agenda_form", "agenda_delete", "snapshots", "import", "import_preview"}

// pages holds one template set per page: each page defines "content", so
// sharing one set would let the last parsed page win for all of them.
type pages struct {
	sets map[string]*template.Template
}

// layout is embedded in every page struct.
type layout struct {
	Title       string
	Description string
	Crumbs      []crumb
	User        *domain.User // nil for the public
	CSRF        string       // token for the forms of the page
	Flash       string
	Roles       map[string]domain.Role // the requester's role per partnership, to show the links it allows
	// CanEdit and CanManageSettings: the requester may edit the agenda, or
	// the settings, of the :partnership of the path (to show "Edit" links).
	CanEdit, CanManageSettings bool
	CanImport                  bool // may import figures (to show "Import data")
}

// session fills the parts of the layout every page shares.
func (l *layout) session(p *principal, partnership, csrf, flash string) {
	l.User, l.CSRF, l.Flash = p.User, csrf, flash
	role := p.role(partnership)
	l.CanEdit, l.CanManageSettings = domain.Can(role, domain.ActEditAgenda), domain.Can(role, domain.ActManageSettings)
	l.CanImport = domain.Can(role, domain.ActImportData)
	l.Roles = map[string]domain.Role{}
	for _, m := range reachable(p) {
		l.Roles[m.Partnership] = m.Role
	}
}

type sessionSetter interface {
	session(p *principal, partnership, csrf, flash string)
}

type crumb struct{ Label, URL string }

func parsePages(as *assets) (*pages, error) {
	base, err := template.New("base").Funcs(funcs(as)).ParseFS(templateFiles, "templates/base.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	ps := &pages{sets: map[string]*template.Template{}}
	for _, name := range pageNames {
		set, err := template.Must(base.Clone()).ParseFS(templateFiles, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		ps.sets[name] = set
	}
	return ps, nil
}

func funcs(as *assets) template.FuncMap {
	return template.FuncMap{
		"asset":  as.URL,
		"value":  report.Value,
		"number": report.Number,
		"group":  report.GroupLabel,
		"deref":  func(p *float64) float64 { return *p },
		"change": changeText,
		"host":   sourceHost,
		"figuresOf": func(p *report.Partnership, r *report.Indicator) figuresData {
			return figuresData{P: p, R: r}
		},
		"sectorLabel": func(s string) string {
			if s == "" {
				return ""
			}
			return string(s[0]-'a'+'A') + s[1:]
		},
		"directionLabel": func(d domain.Direction) string {
			if d == domain.LowerIsBetter {
				return "Lower is better"
			}
			return "Higher is better"
		},
	}
}

// render executes a page into a buffer first, so a template error becomes a
// clean 500 instead of half a page.
func (s *Server) render(c echo.Context, status int, name string, data any) error {
	set, ok := s.pages.sets[name]
	if !ok {
		return fmt.Errorf("unknown page %q", name)
	}
	if ls, ok := data.(sessionSetter); ok {
		csrf, _ := c.Get(csrfKey).(string)
		ls.session(who(c), c.Param("partnership"), csrf, takeFlash(c))
	}
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, "base", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// figuresData feeds the "figures" table partial.
type figuresData struct {
	P *report.Partnership
	R *report.Indicator
}

type errorPage struct {
	layout
	Status  int
	Message string
}

// changeText says how far a value moved: "+25 points", "-0.8 points", "+3".
func changeText(ind domain.Indicator, change *float64) string {
	if change == nil {
		return ""
	}
	s := report.Number(ind, *change)
	if *change > 0 && s != "0" {
		s = "+" + s
	}
	if ind.Unit == domain.UnitPercent {
		s += " points"
	}
	return s
}

// sourceHost is the short link text of a source address: its host name.
func sourceHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return strings.TrimPrefix(u.Host, "www.")
}
