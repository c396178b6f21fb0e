-- 0004: accounts. Users, their role in each partnership, server-side
-- sessions, API tokens, failed sign-ins (for rate limiting across
-- replicas), and the audit history of account changes that belong to no
-- partnership (creating a user, resetting a password).
--
-- No secret is stored: a session's id and a token's token_hash are the
-- SHA-256 (hex) of the secret the client holds, and password_hash is an
-- argon2id PHC string. Emails are stored lowercased, so UNIQUE (email) is
-- case-insensitive.
--
-- Every foreign key is ON DELETE RESTRICT, as in 0001: the store deletes a
-- user's sessions, a membership's tokens and a partner's memberships itself,
-- in the same transaction, and audits it, instead of letting a cascade do it
-- unseen. A token refers to its owner's membership, so it cannot outlive it.

CREATE TABLE users (
    id            INTEGER   PRIMARY KEY,
    email         TEXT      NOT NULL,
    name          TEXT      NOT NULL DEFAULT '',
    password_hash TEXT      NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    disabled      BOOLEAN   NOT NULL DEFAULT FALSE,
    CONSTRAINT users_email_key UNIQUE (email)
);

-- partner_id is the organization a contributor enters data for; NULL for
-- every other role.
CREATE TABLE memberships (
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE RESTRICT,
    role           TEXT    NOT NULL,
    partner_id     INTEGER,
    PRIMARY KEY (user_id, partnership_id),
    CONSTRAINT memberships_partner_fkey FOREIGN KEY (partnership_id, partner_id)
        REFERENCES partners (partnership_id, id) ON DELETE RESTRICT
);

CREATE INDEX memberships_partnership_idx ON memberships (partnership_id);
CREATE INDEX memberships_partner_idx ON memberships (partnership_id, partner_id);

CREATE TABLE sessions (
    id           TEXT      PRIMARY KEY,
    user_id      INTEGER   NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);

CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
    id             INTEGER   PRIMARY KEY,
    user_id        INTEGER   NOT NULL,
    partnership_id INTEGER   NOT NULL,
    name           TEXT      NOT NULL,
    token_hash     TEXT      NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    last_used_at   TIMESTAMP,
    revoked_at     TIMESTAMP,
    CONSTRAINT api_tokens_hash_key UNIQUE (token_hash),
    CONSTRAINT api_tokens_membership_fkey FOREIGN KEY (user_id, partnership_id)
        REFERENCES memberships (user_id, partnership_id) ON DELETE RESTRICT
);

CREATE INDEX api_tokens_membership_idx ON api_tokens (user_id, partnership_id);

CREATE TABLE login_failures (
    id  INTEGER   PRIMARY KEY,
    key TEXT      NOT NULL,
    at  TIMESTAMP NOT NULL
);

CREATE INDEX login_failures_key_idx ON login_failures (key, at);
CREATE INDEX login_failures_at_idx ON login_failures (at);

CREATE TABLE account_audit (
    id         INTEGER   PRIMARY KEY,
    entity     TEXT      NOT NULL,
    entity_key TEXT      NOT NULL,
    action     TEXT      NOT NULL,
    old_value  TEXT      NOT NULL DEFAULT '',
    new_value  TEXT      NOT NULL DEFAULT '',
    actor      TEXT      NOT NULL,
    at         TIMESTAMP NOT NULL,
    comment    TEXT      NOT NULL DEFAULT ''
);

CREATE INDEX account_audit_lookup_idx ON account_audit (entity, entity_key, at, id);
