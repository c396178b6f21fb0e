// Package web serves impactboard's HTML pages and JSON API with Echo. Pages
// are server-rendered with html/template; JavaScript only draws charts, whose
// options travel as JSON in a data attribute (never as inline script).
package web
