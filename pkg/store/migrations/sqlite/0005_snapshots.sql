-- 0005: snapshots. A snapshot is a frozen document of one partnership's
-- dashboards and approved figures (pkg/snapshot), stored whole as bytes
-- with the SHA-256 of those bytes. Rows are only ever inserted: there is
-- no UPDATE of a snapshot anywhere in the program.
--
-- id is 16 random bytes in hex, the snapshot's stable, unguessable link.
-- created_by_name and created_by_email are copied at creation, so the
-- record keeps who made it even if the account is renamed later;
-- created_by_id is not a foreign key for the same reason (a removed user
-- must not block or rewrite the record).

CREATE TABLE snapshots (
    id               TEXT      PRIMARY KEY,
    partnership_id   INTEGER   NOT NULL REFERENCES partnerships (id) ON DELETE RESTRICT,
    title            TEXT      NOT NULL,
    note             TEXT      NOT NULL DEFAULT '',
    created_by_id    INTEGER,
    created_by_name  TEXT      NOT NULL DEFAULT '',
    created_by_email TEXT      NOT NULL DEFAULT '',
    created_at       TIMESTAMP NOT NULL,
    sha256           TEXT      NOT NULL,
    content          BLOB      NOT NULL
);

CREATE INDEX snapshots_partnership_idx ON snapshots (partnership_id, created_at);
