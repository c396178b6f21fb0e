package store

import (
	"context"

	"github.com/impactboard/impactboard/pkg/domain"
)

// Revision returns a number that changes whenever the partnership's data
// changes: the id of its latest audit row (0 before any). It holds because
// every write path records its change in the audit log in the same
// transaction. Pages use it to reuse a cached report across requests and
// across replicas sharing one database.
func (db *DB) Revision(ctx context.Context, slug string) (int64, error) {
	var rows []struct {
		ID  int64
		Rev int64
	}
	err := db.reader.WithContext(ctx).Raw(
		`SELECT p.id AS id, COALESCE((SELECT MAX(a.id) FROM audit_log a WHERE a.partnership_id = p.id), 0) AS rev
		 FROM partnerships p WHERE p.slug = ?`, slug).Scan(&rows).Error
	if err != nil {
		return 0, translate(err, "read revision")
	}
	if len(rows) == 0 {
		return 0, domain.Errorf(domain.ENOTFOUND, "partnership %q not found", slug)
	}
	return rows[0].Rev, nil
}
