-- API tokens, for scripts: like sessions, only the SHA-256 of each token is kept (the token
-- is shown once, when it is made). Each has a label its owner chose and an expiry;
-- revoking one deletes its row (the audit trail keeps its history).

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_name  TEXT NOT NULL REFERENCES users (name),
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_name);
