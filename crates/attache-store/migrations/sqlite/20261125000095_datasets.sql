-- External data sets (issue 7): records of international defence activities that Attaché
-- did not make, imported through a mapping file. Kept apart from `activities`: a data set
-- has its own source and one security label for all its events, which are read only
-- through it (labels filtered on `datasets`).

CREATE TABLE datasets (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    source         TEXT NOT NULL,
    file           TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL DEFAULT '',
    owner_nation   TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE dataset_events (
    id             INTEGER PRIMARY KEY,
    dataset_id     INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    external_id    TEXT NOT NULL,
    event_date     TEXT NOT NULL,
    date_precision TEXT NOT NULL CHECK (date_precision IN ('day', 'month', 'year')),
    category       TEXT NOT NULL,
    participants   TEXT NOT NULL,
    UNIQUE (dataset_id, external_id)
);
CREATE INDEX dataset_events_by_date ON dataset_events (dataset_id, event_date);
