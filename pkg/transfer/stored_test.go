package transfer_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/impactboard/impactboard/pkg/tidy"
	"github.com/impactboard/impactboard/pkg/transfer"
)

// TestDryRunReadsEveryStoredFigure: the dry run reads stored figures from
// the store one at a time, of every status, and plans exactly what
// planning against the whole loaded partnership plans. A submitted figure
// the file repeats is unchanged, not added.
func TestDryRunReadsEveryStoredFigure(t *testing.T) {
	db := newStore(t)
	pending := "indicator,year,dimension,group,value,status\nhs-graduation-4yr,2030,,,50,submitted\n"
	if _, problems, err := transfer.Apply(t.Context(), db, anchorage, "test", csvSource(pending, nil)); err != nil || len(problems) > 0 {
		t.Fatalf("store a submitted figure: %v %q", err, problems)
	}
	file := good + "hs-graduation-4yr,2030,,,50\nhs-graduation-4yr,2015,Race/ethnicity,White,80\n"
	got, err := transfer.DryRun(t.Context(), db, anchorage, csvSource(file, nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.Bundle(t.Context(), anchorage)
	if err != nil {
		t.Fatal(err)
	}
	var rows []tidy.Row
	if _, err := tidy.ParseCSV(strings.NewReader(file), tidy.Options{}, func(r tidy.Row) error {
		rows = append(rows, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := tidy.PlanImport(b, rows)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dry run from the store:\n%+v\nplan against the loaded partnership:\n%+v", got, want)
	}
	if got.Unchanged != 2 || got.NumChanged != 1 || got.NumAdded != 2 {
		t.Errorf("dry run: %d unchanged, %d changed, %d added; want 2011 and the submitted 2030 unchanged, 2012 changed, 2024 and White 2015 added",
			got.Unchanged, got.NumChanged, got.NumAdded)
	}
}
