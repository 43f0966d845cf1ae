-- Accounts: who may use Attaché, for which nation, cleared to which classification, with
-- which roles (';'-separated). The password is kept only as an Argon2id hash.

CREATE TABLE users (
    name           TEXT PRIMARY KEY,
    nation         TEXT NOT NULL REFERENCES partners (code),
    clearance      TEXT NOT NULL,
    roles          TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL DEFAULT '',
    owner_nation   TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    version        BIGINT NOT NULL DEFAULT 1
);
