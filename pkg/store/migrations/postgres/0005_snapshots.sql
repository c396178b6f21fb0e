-- 0005: snapshots. Same design as migrations/sqlite/0005_snapshots.sql
-- (read its header); PostgreSQL types.

CREATE TABLE snapshots (
    id               TEXT        PRIMARY KEY,
    partnership_id   BIGINT      NOT NULL REFERENCES partnerships (id) ON DELETE RESTRICT,
    title            TEXT        NOT NULL,
    note             TEXT        NOT NULL DEFAULT '',
    created_by_id    BIGINT,
    created_by_name  TEXT        NOT NULL DEFAULT '',
    created_by_email TEXT        NOT NULL DEFAULT '',
    created_at       TIMESTAMPTZ NOT NULL,
    sha256           TEXT        NOT NULL,
    content          BYTEA       NOT NULL
);

CREATE INDEX snapshots_partnership_idx ON snapshots (partnership_id, created_at);
