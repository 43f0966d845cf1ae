-- The engagement register: reference data, records and activities.
-- Every record carries its security label (classification, releasable_to as 'AUS;USA'),
-- owning nation, who created and last changed it, and a version for optimistic concurrency.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE partners (
    code           TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('state', 'organisation')),
    name           TEXT NOT NULL,
    alpha2         TEXT NOT NULL DEFAULT '',
    region         TEXT NOT NULL DEFAULT '',
    subregion      TEXT NOT NULL DEFAULT '',
    members_as_of  TEXT,
    members_source TEXT NOT NULL DEFAULT '',
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL DEFAULT '',
    owner_nation   TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE memberships (
    organisation TEXT NOT NULL REFERENCES partners (code),
    member       TEXT NOT NULL REFERENCES partners (code),
    PRIMARY KEY (organisation, member)
) WITHOUT ROWID;

CREATE TABLE people (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    title          TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL DEFAULT '',
    nation         TEXT NOT NULL REFERENCES partners (code),
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL DEFAULT '',
    owner_nation   TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX people_by_nation ON people (nation);

CREATE TABLE assets (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('ship', 'aircraft', 'unit')),
    identifier     TEXT NOT NULL DEFAULT '',
    nation         TEXT NOT NULL REFERENCES partners (code),
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL DEFAULT '',
    owner_nation   TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX assets_by_nation ON assets (nation);

CREATE TABLE objectives (
    code           TEXT PRIMARY KEY,
    title          TEXT NOT NULL,
    aim            TEXT NOT NULL,
    partner        TEXT REFERENCES partners (code),
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL DEFAULT '',
    owner_nation   TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX objectives_by_partner ON objectives (partner);

CREATE TABLE objective_indicators (
    objective TEXT NOT NULL REFERENCES objectives (code) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    baseline  REAL NOT NULL,
    target    REAL NOT NULL,
    PRIMARY KEY (objective, position)
) WITHOUT ROWID;

CREATE TABLE agreements (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    title          TEXT NOT NULL,
    signed         TEXT NOT NULL,
    in_force       TEXT,
    expiry         TEXT,
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL DEFAULT '',
    owner_nation   TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE agreement_parties (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    partner      TEXT NOT NULL REFERENCES partners (code),
    PRIMARY KEY (agreement_id, partner)
) WITHOUT ROWID;
CREATE INDEX agreement_parties_by_partner ON agreement_parties (partner);

CREATE TABLE activities (
    id               INTEGER PRIMARY KEY,
    source           TEXT NOT NULL,
    external_id      TEXT NOT NULL,
    title            TEXT NOT NULL,
    category         TEXT NOT NULL,
    status           TEXT NOT NULL,
    start_date       TEXT NOT NULL,
    end_date         TEXT NOT NULL,
    host             TEXT NOT NULL REFERENCES partners (code),
    location         TEXT NOT NULL DEFAULT '',
    latitude         REAL,
    longitude        REAL,
    cost_thousandths INTEGER,
    cost_currency    TEXT,
    description      TEXT NOT NULL DEFAULT '',
    outcome          TEXT NOT NULL DEFAULT '',
    content_hash     INTEGER NOT NULL,
    classification   TEXT NOT NULL,
    releasable_to    TEXT NOT NULL DEFAULT '',
    owner_nation     TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    UNIQUE (source, external_id),
    CHECK (end_date >= start_date)
);
-- The list filters: date range (with sort by start), category and status.
CREATE INDEX activities_by_start ON activities (start_date, id);
CREATE INDEX activities_by_category ON activities (category, start_date);
CREATE INDEX activities_by_status ON activities (status, start_date);

CREATE TABLE activity_participants (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    partner     TEXT NOT NULL REFERENCES partners (code),
    role        TEXT NOT NULL,
    PRIMARY KEY (activity_id, partner)
) WITHOUT ROWID;
-- The partner filter.
CREATE INDEX participants_by_partner ON activity_participants (partner, activity_id);

CREATE TABLE activity_objectives (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    objective   TEXT NOT NULL REFERENCES objectives (code),
    PRIMARY KEY (activity_id, objective)
) WITHOUT ROWID;

CREATE TABLE activity_assets (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    asset       TEXT NOT NULL,
    PRIMARY KEY (activity_id, asset)
) WITHOUT ROWID;

CREATE TABLE activity_people (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (activity_id, person_id)
) WITHOUT ROWID;

CREATE TABLE activity_status_changes (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);
CREATE INDEX status_changes_by_activity ON activity_status_changes (activity_id, id);
