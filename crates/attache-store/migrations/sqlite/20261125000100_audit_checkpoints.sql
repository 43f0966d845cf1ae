-- Signed checkpoints of the audit trail's head: the last entry, its hash and how many
-- entries, when, the fingerprint of the public key that signed (the key itself is kept
-- outside the database) and the Ed25519 signature over the canonical text of the rest
-- (`Checkpoint::signed_text`). Not entries of the trail: a checkpoint vouches for the
-- chain and changes no record.
CREATE TABLE audit_checkpoints (
    id              INTEGER PRIMARY KEY,
    entry           INTEGER NOT NULL,
    hash            TEXT NOT NULL,
    entries         INTEGER NOT NULL,
    at              TEXT NOT NULL,
    key_fingerprint TEXT NOT NULL,
    signature       TEXT NOT NULL
);
CREATE INDEX audit_checkpoints_by_entry ON audit_checkpoints (entry, id);
