package store

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// translate is the one place driver errors become domain errors. GORM's
// TranslateError has already turned both drivers' codes into its own
// sentinel errors. what names the operation for the message ("save
// partnership \"x\""); other errors come back wrapped with it.
func translate(err error, what string) error {
	var de *domain.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &de):
		return err
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return domain.Errorf(domain.ECONFLICT, "%s: a record with the same key already exists (it may have been saved at the same moment); try again", what)
	case errors.Is(err, gorm.ErrForeignKeyViolated), isSQLiteRestrict(err):
		return domain.Errorf(domain.ECONFLICT, "%s: it refers to a record that does not exist, or a record still refers to it", what)
	case errors.Is(err, gorm.ErrRecordNotFound):
		return domain.Errorf(domain.ENOTFOUND, "%s: not found", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// isSQLiteRestrict recognises SQLite's report of an ON DELETE RESTRICT
// violation, which it raises as a trigger error (SQLITE_CONSTRAINT_TRIGGER)
// that GORM's translator does not map.
func isSQLiteRestrict(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintTrigger &&
		strings.Contains(se.Error(), "FOREIGN KEY")
}
