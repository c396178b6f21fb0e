// Package seed loads partnerships from seed files into domain bundles. Each
// partnership is a folder holding partnership.yaml (the partnership, its
// partners, goals and indicators), measurements.csv (its figures, in tidy
// long form) and, optionally, comparisons.csv (statewide or national
// figures). The format is documented for editors in seed/README.md.
//
// Loading is strict because the files are edited by hand: an unknown field,
// a value of the wrong type, a number a spreadsheet would misread or a broken
// reference is an error that names the file and line, and nothing is
// returned partially.
package seed
