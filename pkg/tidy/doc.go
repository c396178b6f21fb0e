// Package tidy reads measurements in tidy long form, one figure per row, from
// CSV and XLSX files, and plans what importing them would change.
//
// The columns are indicator, year and value (required) and dimension, group,
// numerator, denominator, note, source and status (optional), named in a
// header row in any case and order. Files are read as a stream, so a large
// file costs memory for its distinct keys, not for its rows. Every problem
// names the row as a spreadsheet shows it (the header is row 1) and the
// column, so a person can find and fix it.
//
// The package is pure: it knows nothing of databases; the store applies what
// it reads.
package tidy
