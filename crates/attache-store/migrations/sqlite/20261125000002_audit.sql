-- The audit trail: every change, who made it and when, before and after, each entry
-- chained to the one before by a SHA-256 hash. `at`, `before` and `after` are kept as the
-- exact text that was hashed, so that verification recomputes the same hash.

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    actor_nation   TEXT NOT NULL,
    action         TEXT NOT NULL,
    record_type    TEXT NOT NULL,
    record_id      TEXT NOT NULL,
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL,
    owner_nation   TEXT NOT NULL,
    before         TEXT,
    after          TEXT,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
CREATE INDEX audit_by_record ON audit_log (record_type, record_id, id);

-- The chain's head, one row: appending locks it, so entries are numbered and chained in
-- commit order even with several writers; a truncated log no longer matches it.
CREATE TABLE audit_head (
    one       INTEGER PRIMARY KEY CHECK (one = 1),
    last_id   INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (one, last_id, last_hash) VALUES (1, 0, 'genesis');
