-- Confidence- and security-building measures (Vienna Document 2011): the military
-- activities a CSBM officer declares, the inspections and evaluation visits made or
-- received, and the units each state reported in the annual exchange (which set its
-- evaluation visit quota). Each row carries a security label like every other record.

CREATE TABLE csbm_activities (
    id             INTEGER PRIMARY KEY,
    reference      TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('land_exercise', 'amphibious_landing',
                       'parachute_assault', 'transfer', 'concentration')),
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    host           TEXT NOT NULL,
    participants   TEXT NOT NULL,
    area           TEXT NOT NULL DEFAULT '',
    troops         INTEGER NOT NULL CHECK (troops >= 0),
    battle_tanks   INTEGER NOT NULL CHECK (battle_tanks >= 0),
    acvs           INTEGER NOT NULL CHECK (acvs >= 0),
    artillery      INTEGER NOT NULL CHECK (artillery >= 0),
    sorties        INTEGER NOT NULL CHECK (sorties >= 0),
    alert          INTEGER NOT NULL,
    divisional     INTEGER NOT NULL,
    notified_on    TEXT,
    calendared_on  TEXT,
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL DEFAULT '',
    owner_nation   TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    CHECK (end_date >= start_date)
);
CREATE INDEX csbm_activities_by_start ON csbm_activities (start_date);

CREATE TABLE csbm_verifications (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('inspection', 'evaluation_visit')),
    receiving      TEXT NOT NULL,
    by_state       TEXT NOT NULL,
    on_date        TEXT NOT NULL,
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL DEFAULT '',
    owner_nation   TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX csbm_verifications_by_date ON csbm_verifications (on_date);

-- Units (formations and combat units, paragraph 10) a state reported for a year.
CREATE TABLE csbm_units_reported (
    state          TEXT NOT NULL,
    year           INTEGER NOT NULL,
    units          INTEGER NOT NULL CHECK (units >= 0),
    PRIMARY KEY (state, year)
);
