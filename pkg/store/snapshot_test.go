package store_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/impactboard/impactboard/pkg/domain"
	"github.com/impactboard/impactboard/pkg/store"
	"github.com/impactboard/impactboard/pkg/store/storetest"
)

const snapID = "0123456789abcdef0123456789abcdef"

func newSnapshot(id, partnership string, at time.Time) domain.Snapshot {
	return domain.Snapshot{ID: id, Partnership: partnership, Title: " March board packet ", Note: "for the board",
		CreatedBy: domain.Author{Name: "Ana", Email: "ana@example.org"}, CreatedAt: at}
}

func TestSnapshots(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("snaps"), "seed")
		mustSave(t, db, sampleBundle("other"), "seed")
		content := []byte(`{"format":"impactboard-snapshot","values":[1,2,3]}` + "\x00\xff")
		at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		got, err := db.CreateSnapshot(t.Context(), newSnapshot(snapID, "snaps", at), content, "ana@example.org")
		if err != nil {
			t.Fatalf("CreateSnapshot: %v", err)
		}
		sum := sha256.Sum256(content)
		want := domain.Snapshot{ID: snapID, Partnership: "snaps", Title: "March board packet", Note: "for the board",
			CreatedBy: domain.Author{Name: "Ana", Email: "ana@example.org"}, CreatedAt: at,
			SHA256: hex.EncodeToString(sum[:]), Size: int64(len(content))}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("CreateSnapshot = %+v, want %+v", got, want)
		}
		later := "fedcba9876543210fedcba9876543210"
		if _, err := db.CreateSnapshot(t.Context(), newSnapshot(later, "snaps", at.Add(time.Hour)), []byte("{}"), "ana"); err != nil {
			t.Fatalf("CreateSnapshot (later): %v", err)
		}
		list, err := db.ListSnapshots(t.Context(), "snaps")
		if err != nil || len(list) != 2 || list[0].ID != later || !reflect.DeepEqual(list[1], want) {
			t.Errorf("ListSnapshots = %+v, %v; want the later one first, then %+v", list, err, want)
		}
		if other, err := db.ListSnapshots(t.Context(), "other"); err != nil || len(other) != 0 {
			t.Errorf("ListSnapshots(other) = %+v, %v; want none", other, err)
		}
		info, stored, err := db.Snapshot(t.Context(), snapID)
		if err != nil || !reflect.DeepEqual(info, want) || !bytes.Equal(stored, content) {
			t.Errorf("Snapshot = %+v, %q, %v; want %+v and the exact bytes", info, stored, err, want)
		}
		if info, err := db.SnapshotInfo(t.Context(), snapID); err != nil || !reflect.DeepEqual(info, want) {
			t.Errorf("SnapshotInfo = %+v, %v", info, err)
		}
		audit, err := db.Audit(t.Context(), "snaps", "snapshot", snapID)
		if err != nil || len(audit) != 1 || audit[0].Action != "create" || strings.Contains(audit[0].New, "values") {
			t.Errorf("audit = %+v, %v; want one create without the content", audit, err)
		}
	})
}

func TestSnapshotRefused(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, db *store.DB) {
		mustSave(t, db, sampleBundle("snaps"), "seed")
		at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		ok := newSnapshot(snapID, "snaps", at)
		for _, tc := range []struct {
			name    string
			s       domain.Snapshot
			content []byte
			actor   string
			code    string
			text    string
		}{
			{"no title", func() domain.Snapshot { s := ok; s.Title = "  "; return s }(), []byte("{}"), "ana", domain.EINVALID, "title"},
			{"long title", func() domain.Snapshot { s := ok; s.Title = strings.Repeat("x", 201); return s }(), []byte("{}"), "ana", domain.EINVALID, "title"},
			{"guessable id", func() domain.Snapshot { s := ok; s.ID = "1"; return s }(), []byte("{}"), "ana", domain.EINVALID, "id"},
			{"no content", ok, nil, "ana", domain.EINVALID, "content"},
			{"no actor", ok, []byte("{}"), "", domain.EINVALID, "actor"},
			{"unknown partnership", func() domain.Snapshot { s := ok; s.Partnership = "nope"; return s }(), []byte("{}"), "ana", domain.ENOTFOUND, "nope"},
		} {
			_, err := db.CreateSnapshot(t.Context(), tc.s, tc.content, tc.actor)
			wantCode(t, tc.name, err, tc.code, tc.text)
		}
		if _, err := db.CreateSnapshot(t.Context(), ok, []byte("{}"), "ana"); err != nil {
			t.Fatal(err)
		}
		_, err := db.CreateSnapshot(t.Context(), ok, []byte(`{"other":1}`), "ana")
		wantCode(t, "same id twice", err, domain.ECONFLICT, "already exists")
		_, _, err = db.Snapshot(t.Context(), "ffffffffffffffffffffffffffffffff")
		wantCode(t, "unknown id", err, domain.ENOTFOUND, "not found")
		_, err = db.SnapshotInfo(t.Context(), "x' OR '1'='1")
		wantCode(t, "hostile id", err, domain.ENOTFOUND, "not found")
	})
}
