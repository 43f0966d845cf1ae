-- The engine's share of an import (bench/import.sh): the staged rows of the CSV put into
-- the real schema by SQL alone, as `attache import` puts them (one transaction, its
-- connection settings, the activities' secondary indexes built at the end), but with no
-- parsing, validation, hashing or audit. `staging` holds the CSV; the indexes' DROP and
-- CREATE are added around this by the script, from the schema itself.
INSERT INTO activities (id, source, external_id, title, category, status, start_date,
    end_date, host, location, latitude, longitude, cost_thousandths, cost_currency,
    description, outcome, content_hash, classification, releasable_to, owner_nation,
    created_by, created_at, updated_by, updated_at)
SELECT rowid, 'bench', external_id, title, category, status, start_date, end_date, host,
    location, NULLIF(latitude, ''), NULLIF(longitude, ''),
    CAST(NULLIF(cost_amount, '') AS REAL) * 1000, NULLIF(cost_currency, ''), description,
    outcome, 0, classification, releasable_to, 'GBR', 'bench', '2026-11-28T00:00:00Z',
    'bench', '2026-11-28T00:00:00Z'
FROM staging;
-- A `;`-separated list as a JSON array, one row per element.
INSERT INTO activity_participants (activity_id, partner, role, start_date)
SELECT s.rowid, j.value, CASE WHEN j.value = s.host THEN 'host' ELSE 'guest' END, s.start_date
FROM staging s, json_each('["' || replace(s.participants, ';', '","') || '"]') j
WHERE j.value <> '';
INSERT INTO activity_objectives (activity_id, objective)
SELECT s.rowid, j.value
FROM staging s, json_each('["' || replace(s.objectives, ';', '","') || '"]') j
WHERE j.value <> '';
INSERT INTO activity_assets (activity_id, asset)
SELECT s.rowid, j.value
FROM staging s, json_each('["' || replace(s.assets, ';', '","') || '"]') j
WHERE j.value <> '';
