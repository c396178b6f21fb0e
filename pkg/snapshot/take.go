package snapshot

import (
	"context"
	"strings"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Store is where snapshots are read from and kept (*store.DB).
type Store interface {
	Bundle(ctx context.Context, slug string) (*domain.Bundle, error)
	CreateSnapshot(ctx context.Context, s domain.Snapshot, content []byte, actor string) (domain.Snapshot, error)
}

// Take makes a snapshot of a partnership as it is now and stores it: the
// web page, the API and the command line all create snapshots this way.
// in names the title, note, author, time and dashboards; Take picks the id
// and reads the bundle (in one read transaction, so the figures are one
// consistent state).
func Take(ctx context.Context, st Store, partnership string, in Input, actor string) (domain.Snapshot, error) {
	id, err := NewID()
	if err != nil {
		return domain.Snapshot{}, err
	}
	b, err := st.Bundle(ctx, partnership)
	if err != nil {
		return domain.Snapshot{}, err
	}
	in.ID, in.Bundle = id, b
	in.Title, in.Note = strings.TrimSpace(in.Title), strings.TrimSpace(in.Note)
	d, err := Build(in)
	if err != nil {
		return domain.Snapshot{}, err
	}
	content, err := Encode(d)
	if err != nil {
		return domain.Snapshot{}, err
	}
	return st.CreateSnapshot(ctx, domain.Snapshot{ID: id, Partnership: partnership, Title: in.Title, Note: in.Note,
		CreatedBy: in.By, CreatedAt: d.TakenAt}, content, actor)
}
