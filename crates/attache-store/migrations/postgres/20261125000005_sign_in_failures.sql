-- Failed sign-ins, per account ('user:NAME') and per address ('address:IP'): counted,
-- and locked for a while once there are too many.

CREATE TABLE sign_in_failures (
    subject      TEXT PRIMARY KEY,
    failures     BIGINT NOT NULL,
    last_failure TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ
);
