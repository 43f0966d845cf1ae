-- Signed-in sessions: the SHA-256 of each session's token (the token itself is only ever
-- in the user's cookie), whose it is and until when. Signing out deletes the row.

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users (name),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_name);
