-- Whole-of-government coordination (issue 5): concurrences, diplomatic clearances, vetting
-- of recipients and restrictions on partners, and the coercive-presence flag.

-- A visit recorded as carried out without its clearance: kept, but not engagement, so
-- left out of every engagement count and chart.
ALTER TABLE activities ADD COLUMN coercive_presence BOOLEAN NOT NULL DEFAULT FALSE;

-- The table of which ministry concurs on what; `condition` is the domain's `Condition`
-- as JSON. Seeded with the default table.
CREATE TABLE concurrence_rules (
    id        INTEGER PRIMARY KEY,
    ministry  TEXT NOT NULL,
    condition TEXT NOT NULL,
    due_days  INTEGER NOT NULL
);
INSERT INTO concurrence_rules (ministry, condition, due_days) VALUES
    ('foreign', '{"when":"foreign_partner"}', 14),
    ('development', '{"when":"category","value":"training"}', 14),
    ('development', '{"when":"category","value":"personnel_exchange"}', 14),
    ('development', '{"when":"aim","value":"security_sector_reform"}', 14),
    ('development', '{"when":"aim","value":"accountable_forces"}', 14);

-- Every answer of a concurring official; a change of substance resets the standing ones
-- (`reset_at`), which stay as history.
CREATE TABLE concurrence_answers (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities (id),
    ministry    TEXT NOT NULL,
    verdict     TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    answered_by TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    reset_at    TEXT
);
CREATE INDEX concurrence_answers_by_activity ON concurrence_answers (activity_id, id);

-- Each partner's lead times in days; a partner without a row has the defaults.
CREATE TABLE clearance_lead_times (
    partner               TEXT PRIMARY KEY REFERENCES partners (code),
    warship_visit_days    INTEGER NOT NULL,
    aircraft_landing_days INTEGER NOT NULL,
    overflight_days       INTEGER NOT NULL,
    updated_by            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);

CREATE TABLE clearance_requests (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES activities (id),
    partner      TEXT NOT NULL REFERENCES partners (code),
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL,
    requested_on TEXT,
    reference    TEXT NOT NULL DEFAULT '',
    granted_on   TEXT,
    updated_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (activity_id, partner, kind)
);

-- The people and units receiving an activity's training or exchange, with their vetting.
CREATE TABLE activity_recipients (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities (id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,
    vetted_on   TEXT,
    expires     TEXT,
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (activity_id, name)
);

-- Embargoes and sanctions: public measures, so not labelled.
CREATE TABLE restrictions (
    id         INTEGER PRIMARY KEY,
    partner    TEXT NOT NULL REFERENCES partners (code),
    source     TEXT NOT NULL,
    scope      TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date   TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX restrictions_by_partner ON restrictions (partner);
