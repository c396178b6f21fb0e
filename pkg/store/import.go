package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/impactboard/impactboard/pkg/domain"
)

// importAuditDetail is how many added figures an import audits one by one.
// Past it, one summary row stands for all the additions: a first import of
// a million figures would otherwise double the database with audit rows
// that say nothing the figures themselves do not (who and when are on each
// figure). Changed figures are always audited one by one, old and new.
const importAuditDetail = 1000

// importDefaultStatus is the status of a new figure given without one (as
// tidy.DefaultStatus); a stored figure keeps its own.
const importDefaultStatus = domain.StatusApproved

// importColumns are the measurement columns an import writes: each row's
// own arguments (importRowArgs), then entered_by and entered_at, which the
// rows of a batch share.
var importColumns = []string{"indicator_id", "year", "dimension", "grp", "value", "numerator", "denominator",
	"note", "source", "status", "entered_by", "entered_at"}

// ImportMeasurements writes the figures rows yields into one partnership in
// one transaction: all of them or, at the first problem, none. rows is
// called once and must return the error yield returns, if any; yield
// refuses a figure whose indicator is unknown, that does not validate
// against its indicator, or whose key came before in the same import.
//
// A figure whose key is new is added; one whose value, numerator,
// denominator, note, source or status differs is updated; the rest are left
// alone, so importing the same file again changes nothing. An empty Status
// keeps the stored one (approved for a new figure), as do the fields named
// in opts.Keep. A figure is validated as it will be stored. New and changed
// figures are recorded as entered by actor at the time of the import.
//
// Figures are streamed: memory holds the stored figures of the indicators
// the import touches and a small key per imported figure, never the import
// itself. Changed figures are audited one by one; added figures one by one
// up to 1000, and beyond that by one summary row (entity "import", key
// "measurements", comment "import: N added").
func (db *DB) ImportMeasurements(ctx context.Context, partnership string, rows func(yield func(domain.Measurement) error) error,
	actor string, opts ...ImportOptions) (SaveResult, error) {
	if err := requireActor(actor, "import figures"); err != nil {
		return SaveResult{}, err
	}
	if rows == nil {
		return SaveResult{}, domain.Errorf(domain.EINVALID, "import figures: nothing to import")
	}
	keep, err := keptFields(opts)
	if err != nil {
		return SaveResult{}, err
	}
	var res SaveResult
	err = db.inWriteTx(ctx, func(tx *gorm.DB, now time.Time) error {
		im, err := newImporter(ctx, tx, db.dialect, partnership, auditTrail{actor: actor, now: now})
		if err != nil {
			return err
		}
		im.keep = keep
		defer im.close()
		if err := rows(im.yield); err != nil {
			return err
		}
		if err := im.finish(); err != nil {
			return err
		}
		res = im.res
		return nil
	})
	if err != nil {
		return SaveResult{}, translate(err, fmt.Sprintf("import figures into %q", partnership))
	}
	return res, nil
}

// ImportOptions tune ImportMeasurements.
type ImportOptions struct {
	// Keep names fields that figures being updated keep as stored, because
	// the import's file has no column for them: "numerator", "denominator",
	// "note", "source" or "status". A new figure gets them empty.
	Keep []string
}

// importKeep is ImportOptions.Keep, checked.
type importKeep struct{ numerator, denominator, note, source, status bool }

func keptFields(opts []ImportOptions) (importKeep, error) {
	var k importKeep
	for _, o := range opts {
		for _, f := range o.Keep {
			switch f {
			case "numerator":
				k.numerator = true
			case "denominator":
				k.denominator = true
			case "note":
				k.note = true
			case "source":
				k.source = true
			case "status":
				k.status = true
			default:
				return k, domain.Errorf(domain.EINVALID, "import figures: cannot keep %q; only numerator, denominator, note, source and status", f)
			}
		}
	}
	return k, nil
}

// Indicators returns a partnership's indicators, ordered by position then
// slug, without its figures: what an import checks its rows against.
func (db *DB) Indicators(ctx context.Context, partnership string) ([]domain.Indicator, error) {
	var out []domain.Indicator
	err := db.readTx(ctx, func(tx *gorm.DB) error {
		p, err := findPartnership(tx, partnership)
		if err != nil {
			return err
		}
		l := loader{tx: tx, pid: p.ID, ids: bundleIDs{newIDs(), newIDs(), newIDs()}}
		for _, step := range []func() error{l.partners, l.goals, l.indicators} {
			if err := step(); err != nil {
				return err
			}
		}
		out = l.b.Indicators
		return nil
	})
	if err != nil {
		return nil, translate(err, fmt.Sprintf("read indicators of %q", partnership))
	}
	return out, nil
}

// importer is one ImportMeasurements transaction. It stops at the first
// error and keeps returning it: after a failed statement the transaction
// may already be rolled back, and a later statement would run outside it.
type importer struct {
	ctx        context.Context
	tx         *gorm.DB
	conn       gorm.ConnPool // the transaction, for raw batched statements
	dialect    string
	partner    string
	trail      auditTrail
	keep       importKeep
	indicators map[string]*importIndicator
	names      importNames
	seen       map[importKey]int32 // -> index in its indicator's stored, or importedNew
	args       []any               // the pending batch's arguments
	full       *sql.Stmt
	added      []auditRow // the first importAuditDetail additions
	n          int        // figures yielded
	res        SaveResult
	err        error
}

// importedNew marks a key this import adds.
const importedNew = -1

type importIndicator struct {
	id     int64
	index  int32
	spec   domain.Indicator
	loaded bool
	stored []importStored // allocated once, at its exact size
}

// importKey is a figure's natural key in 16 bytes: the indicator's index
// and interned dimension and group.
type importKey struct {
	indicator, dimension, group uint32
	year                        int32
}

// importStored is a stored figure, as much as an import compares and
// audits, in 88 bytes: re-importing a million figures holds a million.
type importStored struct {
	id                     int64
	value                  float64
	numerator, denominator *float64
	note, source           string
	enteredAt              int64  // Unix microseconds, the precision stored
	enteredBy, status      uint32 // interned in importer.names
	imported               bool   // this import named it already
}

func newImporter(ctx context.Context, tx *gorm.DB, dialect, partnership string, trail auditTrail) (*importer, error) {
	p, err := lockPartnership(tx, partnership)
	if err != nil {
		return nil, err
	}
	trail.pid = p.ID
	im := &importer{
		ctx: ctx, tx: tx, conn: tx.Statement.ConnPool, dialect: dialect, partner: partnership, trail: trail,
		indicators: map[string]*importIndicator{}, names: newImportNames(), seen: map[importKey]int32{},
	}
	var rows []indicatorRow
	if err := tx.Where("partnership_id = ?", p.ID).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	for i, r := range rows {
		spec, err := indicatorFromRow(r, newIDs(), newIDs(), newIDs())
		if err != nil {
			return nil, err
		}
		im.indicators[r.Slug] = &importIndicator{id: r.ID, index: int32(i), spec: spec}
	}
	return im, nil
}

func (im *importer) close() {
	if im.full != nil {
		im.full.Close()
	}
}

// yield takes one figure; it is what ImportMeasurements hands to rows.
func (im *importer) yield(m domain.Measurement) error {
	if im.err == nil {
		im.err = im.add(m)
	}
	return im.err
}

func (im *importer) add(m domain.Measurement) error {
	im.n++
	ind, err := im.indicator(m.Indicator)
	if err != nil {
		return err
	}
	var key importKey
	var old *importStored
	if m.Year >= domain.MinYear && m.Year <= domain.MaxYear { // else validate refuses it
		key = importKey{uint32(ind.index), im.names.id(m.Dimension), im.names.id(m.Group), int32(m.Year)}
		i, exists := im.seen[key]
		if exists && (i == importedNew || ind.stored[i].imported) {
			return domain.Errorf(domain.EINVALID, "figure %d (%s): the same indicator, year and group came earlier in the import", im.n, domain.MeasurementKey(m))
		}
		if exists {
			old = &ind.stored[i]
		}
	}
	m = im.merge(old, m)
	if err := im.validate(ind, m); err != nil {
		return err
	}
	if old == nil {
		im.seen[key] = importedNew
		return im.addNew(ind, m)
	}
	return im.update(ind, old, m)
}

// indicator finds an indicator and, the first time, reads its stored figures.
func (im *importer) indicator(slug string) (*importIndicator, error) {
	ind, ok := im.indicators[slug]
	if !ok {
		return nil, domain.Errorf(domain.EINVALID, "figure %d: unknown indicator %q in partnership %q", im.n, slug, im.partner)
	}
	if !ind.loaded {
		ind.loaded = true
		return ind, im.load(ind)
	}
	return ind, nil
}

// merge completes m with what it keeps of the stored figure old (nil for a
// new figure).
func (im *importer) merge(old *importStored, m domain.Measurement) domain.Measurement {
	if old == nil {
		if m.Status == "" {
			m.Status = importDefaultStatus
		}
		return m
	}
	k := im.keep
	if k.numerator {
		m.Numerator = old.numerator
	}
	if k.denominator {
		m.Denominator = old.denominator
	}
	if k.note {
		m.Note = old.note
	}
	if k.source {
		m.Source = old.source
	}
	if k.status || m.Status == "" {
		m.Status = im.status(old)
	}
	return m
}

// validate checks m as it will be stored; the place is only formatted for
// a figure that fails, since a million Sprintfs cost a tenth of a second.
func (im *importer) validate(ind *importIndicator, m domain.Measurement) error {
	errs := domain.ValidateMeasurement(ind.spec, m, "")
	for i := range errs {
		errs[i].Place = fmt.Sprintf("figure %d (%s %d)", im.n, m.Indicator, m.Year)
	}
	return domain.Invalid("invalid figure", errs)
}

func (im *importer) addNew(ind *importIndicator, m domain.Measurement) error {
	m.ID, m.EnteredBy, m.EnteredAt = 0, im.trail.actor, im.trail.now
	im.res.Added++
	switch {
	case im.res.Added <= importAuditDetail:
		newJSON, err := toJSON(m)
		if err != nil {
			return err
		}
		im.added = append(im.added, auditRow{PartnershipID: im.trail.pid, Entity: "measurement",
			EntityKey: domain.MeasurementKey(m), Action: "create", NewValue: newJSON, Actor: im.trail.actor, At: im.trail.now})
	case im.added != nil:
		im.added = nil // from here on, one summary row
	}
	return im.queue(ind.id, m)
}

func (im *importer) update(ind *importIndicator, old *importStored, m domain.Measurement) error {
	old.imported = true
	if im.same(old, m) {
		im.res.Unchanged++
		return nil
	}
	im.res.Changed++
	m.ID, m.EnteredBy, m.EnteredAt = 0, im.trail.actor, im.trail.now
	if err := im.trail.add("measurement", domain.MeasurementKey(m), "update", im.measurement(old, m), m); err != nil {
		return err
	}
	if len(im.trail.rows) >= batchSize {
		if err := im.trail.write(im.tx); err != nil {
			return err
		}
		im.trail.rows = im.trail.rows[:0]
	}
	return im.queue(ind.id, m)
}

func (im *importer) same(s *importStored, m domain.Measurement) bool {
	return s.value == m.Value && sameNumber(s.numerator, m.Numerator) && sameNumber(s.denominator, m.Denominator) &&
		s.note == m.Note && s.source == m.Source && im.status(s) == m.Status
}

func (im *importer) status(s *importStored) domain.MeasurementStatus {
	return domain.MeasurementStatus(im.names.texts[s.status])
}

// measurement rebuilds the stored figure with the key of m, for the audit.
func (im *importer) measurement(s *importStored, m domain.Measurement) domain.Measurement {
	return domain.Measurement{
		Indicator: m.Indicator, Year: m.Year, Dimension: m.Dimension, Group: m.Group,
		Value: s.value, Numerator: s.numerator, Denominator: s.denominator, Note: s.note, Source: s.source,
		Status: im.status(s), EnteredBy: im.names.texts[s.enteredBy], EnteredAt: time.UnixMicro(s.enteredAt).UTC(),
	}
}

// load reads the stored figures of one indicator, counting them first so
// that their list is allocated once, not grown by copies of itself.
func (im *importer) load(ind *importIndicator) error {
	var n int64
	if err := im.tx.Model(&measurementRow{}).Where("indicator_id = ?", ind.id).Count(&n).Error; err != nil {
		return err
	}
	ind.stored = make([]importStored, 0, n)
	rows, err := im.conn.QueryContext(im.ctx, `SELECT id, year, dimension, grp, value, numerator, denominator,
		note, source, status, entered_by, entered_at FROM measurements WHERE indicator_id = `+im.bindVar(1), ind.id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s importStored
		var year int32
		var dim, grp, status, by string
		var num, den sql.NullFloat64
		var at time.Time
		if err := rows.Scan(&s.id, &year, &dim, &grp, &s.value, &num, &den, &s.note, &s.source, &status, &by, &at); err != nil {
			return err
		}
		s.numerator, s.denominator = nullableNumber(num), nullableNumber(den)
		s.status, s.enteredBy, s.enteredAt = im.names.id(status), im.names.id(by), at.UnixMicro()
		im.seen[importKey{uint32(ind.index), im.names.id(dim), im.names.id(grp), year}] = int32(len(ind.stored))
		ind.stored = append(ind.stored, s)
	}
	return rows.Err()
}

func nullableNumber(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return &n.Float64
}

// queue adds one row to the pending batch and writes a full batch. Every
// row shares who entered it and when: the batch binds them once, as its
// first two arguments, which saved a fifth of the binding time in
// BenchmarkImportMeasurements1M.
func (im *importer) queue(indicator int64, m domain.Measurement) error {
	if len(im.args) == 0 {
		im.args = append(im.args, im.trail.actor, im.trail.now.UTC())
	}
	im.args = append(im.args, indicator, m.Year, m.Dimension, m.Group, m.Value, nullable(m.Numerator),
		nullable(m.Denominator), m.Note, m.Source, string(m.Status))
	if im.batchRows() < batchSize {
		return nil
	}
	return im.flush()
}

// importShared and importRowArgs count a batch's arguments: the shared
// entered_by and entered_at, then each row's own.
const (
	importShared  = 2
	importRowArgs = 10
)

func (im *importer) batchRows() int {
	return max(0, len(im.args)-importShared) / importRowArgs
}

func nullable(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// flush writes the pending batch with one multi-row upsert; full batches
// share one prepared statement.
func (im *importer) flush() error {
	n := im.batchRows()
	if n == 0 {
		return nil
	}
	var err error
	if n == batchSize {
		if im.full == nil {
			if im.full, err = im.conn.PrepareContext(im.ctx, im.upsertSQL(n)); err != nil {
				return err
			}
		}
		_, err = im.full.ExecContext(im.ctx, im.args...)
	} else {
		_, err = im.conn.ExecContext(im.ctx, im.upsertSQL(n), im.args...)
	}
	im.args = im.args[:0]
	return err
}

// upsertSQL is an INSERT of n rows that updates a figure whose key exists;
// SQLite (3.24+) and PostgreSQL share the syntax, and both take numbered
// bind variables, which lets every row refer to the shared arguments.
func (im *importer) upsertSQL(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO measurements (" + strings.Join(importColumns, ", ") + ") VALUES ")
	arg := importShared
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for range importRowArgs {
			arg++
			b.WriteString(im.bindVar(arg) + ", ")
		}
		b.WriteString(im.bindVar(1) + ", " + im.bindVar(2) + ")")
	}
	b.WriteString(" ON CONFLICT (indicator_id, dimension, grp, year) DO UPDATE SET ")
	for i, c := range importColumns[4:] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = excluded." + c)
	}
	return b.String()
}

func (im *importer) bindVar(i int) string {
	if im.dialect == DialectPostgres {
		return "$" + strconv.Itoa(i)
	}
	return "?" + strconv.Itoa(i)
}

// finish writes the last batch and the audit rows.
func (im *importer) finish() error {
	if im.err != nil {
		return im.err // rows swallowed yield's error
	}
	if err := im.flush(); err != nil {
		return err
	}
	if err := im.trail.write(im.tx); err != nil {
		return err
	}
	if im.res.Added <= importAuditDetail {
		if len(im.added) == 0 {
			return nil
		}
		return im.tx.CreateInBatches(&im.added, batchSize).Error
	}
	summary := auditRow{
		PartnershipID: im.trail.pid, Entity: "import", EntityKey: "measurements", Action: "create",
		Actor: im.trail.actor, At: im.trail.now, Comment: fmt.Sprintf("import: %d added", im.res.Added),
	}
	summary.NewValue = fmt.Sprintf(`{"added":%d,"changed":%d,"unchanged":%d}`, im.res.Added, im.res.Changed, im.res.Unchanged)
	return im.tx.Create(&summary).Error
}

// importNames interns the strings an import repeats (dimensions, groups,
// who entered a figure), so a key costs 16 bytes and not its text.
type importNames struct {
	ids   map[string]uint32
	texts []string
}

func newImportNames() importNames { return importNames{ids: map[string]uint32{}} }

func (n *importNames) id(s string) uint32 {
	if id, ok := n.ids[s]; ok {
		return id
	}
	s = strings.Clone(s) // s may share memory with a whole CSV record
	id := uint32(len(n.texts))
	n.ids[s] = id
	n.texts = append(n.texts, s)
	return id
}
