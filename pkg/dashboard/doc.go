// Package dashboard reads dashboards as code: one YAML file per dashboard in
// dashboards/<partnership>/<dashboard>.yaml, each a titled page of panels for
// an audience. Files are parsed strictly and checked against the data at
// start-up, so a typo stops the start with the file and line instead of
// showing an empty chart to the public. The format is documented for backbone
// staff in dashboards/README.md.
package dashboard
