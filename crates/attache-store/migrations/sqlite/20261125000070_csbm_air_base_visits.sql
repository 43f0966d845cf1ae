-- Air base visits (Vienna Document 2011, paragraphs 20-23): each participating state with
-- air combat units arranges one, and is not obliged to more than one in any five-year
-- period. The last visit our nation arranged sets when the next falls due. Each row
-- carries a security label like every other record.

CREATE TABLE csbm_air_base_visits (
    id             INTEGER PRIMARY KEY,
    host           TEXT NOT NULL,
    air_base       TEXT NOT NULL,
    visit_date     TEXT NOT NULL,
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL DEFAULT '',
    owner_nation   TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
-- The last visit of a host: the top of its part of the index.
CREATE INDEX csbm_air_base_visits_by_host ON csbm_air_base_visits (host, visit_date);
