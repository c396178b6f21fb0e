package store

import (
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/impactboard/impactboard/pkg/domain"
)

const dsnHelp = "use a file path for SQLite or postgres://..."

var (
	schemePattern   = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*)://`)
	keyValuePattern = regexp.MustCompile(`^\s*(host|hostaddr|port|user|password|dbname|sslmode)\s*=`)
)

// dialectOf tells which database a DSN names. Anything URL-like that is not
// PostgreSQL is refused rather than taken for a SQLite file name.
func dialectOf(dsn string) (string, error) {
	lower := strings.ToLower(dsn)
	switch {
	case strings.TrimSpace(dsn) == "":
		return "", domain.Errorf(domain.EINVALID, "database DSN is empty: %s", dsnHelp)
	case strings.HasPrefix(lower, "postgres://"), strings.HasPrefix(lower, "postgresql://"):
		return DialectPostgres, nil
	case strings.HasPrefix(lower, "file:"):
		return DialectSQLite, nil
	case keyValuePattern.MatchString(dsn):
		return "", domain.Errorf(domain.EINVALID, "database DSN looks like a PostgreSQL key=value string: use the URL form postgres://user@host:5432/dbname")
	}
	if m := schemePattern.FindStringSubmatch(dsn); m != nil {
		return "", domain.Errorf(domain.EINVALID, "unsupported database DSN scheme %q: %s", m[1], dsnHelp)
	}
	return DialectSQLite, nil
}

// sqliteDSN is a database file and the caller's extra URI parameters.
type sqliteDSN struct {
	path  string // URI-escaped
	extra url.Values
}

// ownParams are the connection parameters the store always sets itself,
// with the mattn driver's aliases, so a DSN cannot turn WAL or foreign keys off.
var ownParams = []string{"mode", "_journal_mode", "_journal", "_foreign_keys", "_fk", "_busy_timeout", "_timeout", "_txlock"}

func parseSQLiteDSN(dsn string) (sqliteDSN, error) {
	rest, isURI := dsn, strings.HasPrefix(strings.ToLower(dsn), "file:")
	if isURI {
		rest = dsn[len("file:"):]
	}
	path, query, _ := strings.Cut(rest, "?")
	if !isURI {
		path = strings.NewReplacer("%", "%25", "#", "%23").Replace(path)
	}
	extra, err := url.ParseQuery(query)
	if err != nil {
		return sqliteDSN{}, domain.Errorf(domain.EINVALID, "invalid SQLite DSN parameters %q: %v", query, err)
	}
	if path == "" || path == ":memory:" || extra.Get("mode") == "memory" {
		return sqliteDSN{}, domain.Errorf(domain.EINVALID, "in-memory SQLite databases are not supported: use a file path (the writer and the readers share one file)")
	}
	for _, k := range ownParams {
		extra.Del(k)
	}
	return sqliteDSN{path: path, extra: extra}, nil
}

// writerDSN sets WAL, a busy timeout, foreign keys, and BEGIN IMMEDIATE so a
// write transaction takes the lock up front instead of failing on upgrade.
func (d sqliteDSN) writerDSN() string {
	return d.build(map[string]string{
		"mode": "rwc", "_journal_mode": "WAL", "_busy_timeout": "5000",
		"_foreign_keys": "1", "_txlock": "immediate",
	})
}

func (d sqliteDSN) readerDSN() string {
	return d.build(map[string]string{"mode": "ro", "_busy_timeout": "5000", "_foreign_keys": "1"})
}

func (d sqliteDSN) build(own map[string]string) string {
	v := url.Values{}
	for k, vs := range d.extra {
		v[k] = vs
	}
	for k, val := range own {
		v.Set(k, val)
	}
	return "file:" + d.path + "?" + v.Encode()
}

// postgresDSN checks a postgres:// URL and returns the one to connect with.
// A schema=NAME parameter becomes search_path=NAME. Error messages never
// quote the DSN: a misplaced character can make the password look like a
// host or a port.
func postgresDSN(dsn string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", malformedURL(err)
	}
	if err := checkPostgresURL(u); err != nil {
		return "", err
	}
	q := u.Query()
	if s := q.Get("schema"); s != "" {
		if q.Get("search_path") == "" {
			q.Set("search_path", s)
		}
		q.Del("schema")
	}
	u.RawQuery = q.Encode()
	out := u.String()
	if _, err := pgconn.ParseConfig(out); err != nil {
		return "", pgConfigError(err, u)
	}
	return out, nil
}

func malformedURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && strings.Contains(ue.Err.Error(), "invalid port") {
		return domain.Errorf(domain.EINVALID, "malformed PostgreSQL DSN: the port is not a number (%%-escape characters such as / ? # @ : in the password)")
	}
	return domain.Errorf(domain.EINVALID, "malformed PostgreSQL DSN: it is not a valid URL (%%-escape characters such as / ? # @ %% in the user name and password)")
}

func checkPostgresURL(u *url.URL) error {
	const form = "expected postgres://user:password@host:5432/dbname"
	if u.Hostname() == "" {
		return domain.Errorf(domain.EINVALID, "malformed PostgreSQL DSN: no host (%s)", form)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return domain.Errorf(domain.EINVALID, "malformed PostgreSQL DSN: the port is outside 1..65535 (%s)", form)
		}
	}
	if strings.Trim(u.Path, "/") == "" {
		return domain.Errorf(domain.EINVALID, "malformed PostgreSQL DSN: no database name (%s)", form)
	}
	return nil
}

// pgConfigError keeps pgconn's reason (e.g. "sslmode is invalid") but drops
// the connection string it quotes, and blanks the password if it shows up.
func pgConfigError(err error, u *url.URL) error {
	msg := err.Error()
	if i := strings.LastIndex(msg, "`: "); i >= 0 {
		msg = msg[i+3:]
	}
	if pw, ok := u.User.Password(); ok && pw != "" {
		msg = strings.ReplaceAll(msg, pw, "xxxxx")
	}
	return domain.Errorf(domain.EINVALID, "malformed PostgreSQL DSN: %s", msg)
}
