-- 0001: the tables.
--
-- Every foreign key is ON DELETE RESTRICT: deleting a parent must never take
-- its figures with it silently (a CASCADE once emptied a child table during a
-- migrator's table rebuild). References inside a partnership are composite
-- (partnership_id, id) keys, so an indicator cannot point at another
-- partnership's goal or steward.
--
-- No CHECK lists of statuses, units or kinds: the domain validates those, and
-- changing a CHECK in SQLite means rebuilding the table.
--
-- Interim targets and annotations are JSON text columns on indicators: short
-- lists that are always read and written with their indicator and never
-- queried on their own.

CREATE TABLE partnerships (
    id                    INTEGER PRIMARY KEY,
    slug                  TEXT    NOT NULL,
    name                  TEXT    NOT NULL,
    region                TEXT    NOT NULL DEFAULT '',
    vision                TEXT    NOT NULL DEFAULT '',
    backbone_partner_id   INTEGER,
    suppression_threshold INTEGER NOT NULL DEFAULT 10,
    published             BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT partnerships_slug_key UNIQUE (slug),
    CONSTRAINT partnerships_backbone_fkey FOREIGN KEY (id, backbone_partner_id)
        REFERENCES partners (partnership_id, id) ON DELETE RESTRICT
);

CREATE TABLE partners (
    id             INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE RESTRICT,
    slug           TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    sector         TEXT    NOT NULL,
    website        TEXT    NOT NULL DEFAULT '',
    description    TEXT    NOT NULL DEFAULT '',
    CONSTRAINT partners_slug_key UNIQUE (partnership_id, slug),
    CONSTRAINT partners_partnership_id_key UNIQUE (partnership_id, id)
);

CREATE TABLE goals (
    id             INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE RESTRICT,
    slug           TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    description    TEXT    NOT NULL DEFAULT '',
    position       INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT goals_slug_key UNIQUE (partnership_id, slug),
    CONSTRAINT goals_partnership_id_key UNIQUE (partnership_id, id)
);

CREATE TABLE indicators (
    id                    INTEGER PRIMARY KEY,
    partnership_id        INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE RESTRICT,
    goal_id               INTEGER NOT NULL,
    slug                  TEXT    NOT NULL,
    name                  TEXT    NOT NULL,
    definition            TEXT    NOT NULL DEFAULT '',
    unit                  TEXT    NOT NULL,
    rate_per              INTEGER NOT NULL DEFAULT 0,
    decimals              INTEGER NOT NULL DEFAULT 0,
    direction             TEXT    NOT NULL,
    method                TEXT    NOT NULL,
    baseline_year         INTEGER,
    baseline_value        REAL,
    target_year           INTEGER,
    target_value          REAL,
    target_note           TEXT    NOT NULL DEFAULT '',
    interim_targets       TEXT    NOT NULL DEFAULT '[]',
    annotations           TEXT    NOT NULL DEFAULT '[]',
    source                TEXT    NOT NULL DEFAULT '',
    caveats               TEXT    NOT NULL DEFAULT '',
    steward_partner_id    INTEGER,
    kind                  TEXT    NOT NULL,
    predicts_indicator_id INTEGER,
    position              INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT indicators_slug_key UNIQUE (partnership_id, slug),
    CONSTRAINT indicators_partnership_id_key UNIQUE (partnership_id, id),
    CONSTRAINT indicators_baseline_check CHECK ((baseline_year IS NULL) = (baseline_value IS NULL)),
    CONSTRAINT indicators_target_check CHECK ((target_year IS NULL) = (target_value IS NULL)),
    CONSTRAINT indicators_goal_fkey FOREIGN KEY (partnership_id, goal_id)
        REFERENCES goals (partnership_id, id) ON DELETE RESTRICT,
    CONSTRAINT indicators_steward_fkey FOREIGN KEY (partnership_id, steward_partner_id)
        REFERENCES partners (partnership_id, id) ON DELETE RESTRICT,
    CONSTRAINT indicators_predicts_fkey FOREIGN KEY (partnership_id, predicts_indicator_id)
        REFERENCES indicators (partnership_id, id) ON DELETE RESTRICT
);

CREATE TABLE partner_indicators (
    partnership_id INTEGER NOT NULL,
    partner_id     INTEGER NOT NULL,
    indicator_id   INTEGER NOT NULL,
    PRIMARY KEY (partner_id, indicator_id),
    CONSTRAINT partner_indicators_partner_fkey FOREIGN KEY (partnership_id, partner_id)
        REFERENCES partners (partnership_id, id) ON DELETE RESTRICT,
    CONSTRAINT partner_indicators_indicator_fkey FOREIGN KEY (partnership_id, indicator_id)
        REFERENCES indicators (partnership_id, id) ON DELETE RESTRICT
);

-- grp is '' for all groups (with dimension ''), never NULL: NULLs are
-- distinct in a unique index, which would let duplicates of the all-groups
-- figure in.
CREATE TABLE measurements (
    id           INTEGER PRIMARY KEY,
    indicator_id INTEGER   NOT NULL REFERENCES indicators (id) ON DELETE RESTRICT,
    year         INTEGER   NOT NULL,
    dimension    TEXT      NOT NULL DEFAULT '',
    grp          TEXT      NOT NULL DEFAULT '',
    value        REAL      NOT NULL,
    numerator    REAL,
    denominator  REAL,
    note         TEXT      NOT NULL DEFAULT '',
    source       TEXT      NOT NULL DEFAULT '',
    status       TEXT      NOT NULL,
    entered_by   TEXT      NOT NULL DEFAULT '',
    entered_at   TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX measurements_key ON measurements (indicator_id, dimension, grp, year);

CREATE TABLE comparisons (
    id           INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE RESTRICT,
    geography    TEXT    NOT NULL,
    dimension    TEXT    NOT NULL DEFAULT '',
    grp          TEXT    NOT NULL DEFAULT '',
    year         INTEGER NOT NULL,
    value        REAL    NOT NULL,
    note         TEXT    NOT NULL DEFAULT '',
    source       TEXT    NOT NULL DEFAULT ''
);

CREATE UNIQUE INDEX comparisons_key ON comparisons (indicator_id, geography, dimension, grp, year);

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    partnership_id INTEGER   NOT NULL REFERENCES partnerships (id) ON DELETE RESTRICT,
    entity         TEXT      NOT NULL,
    entity_key     TEXT      NOT NULL,
    action         TEXT      NOT NULL,
    old_value      TEXT      NOT NULL DEFAULT '',
    new_value      TEXT      NOT NULL DEFAULT '',
    actor          TEXT      NOT NULL,
    at             TIMESTAMP NOT NULL,
    comment        TEXT      NOT NULL DEFAULT ''
);
