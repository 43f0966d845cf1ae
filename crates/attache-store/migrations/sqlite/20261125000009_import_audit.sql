-- A bulk import is audited once per security label among the activities it creates (see
-- ARCHITECTURE.md), not once per created row. Each such group has a row here, and its
-- audit entry is linked when the import commits (the entry, appended last, hashes the
-- whole file). A created activity names its group, so that its history shows the entry.
CREATE TABLE import_groups (
    id          INTEGER PRIMARY KEY,
    audit_entry INTEGER REFERENCES audit_log (id)
);
ALTER TABLE activities ADD COLUMN imported_in INTEGER REFERENCES import_groups (id);
