-- Assessment, monitoring and evaluation (issue 7).

-- An indicator's measured values, kept as a history: the latest by date is its current
-- value. Read and written under its objective's label; an indicator is named as in the
-- objective's list (`objective_indicators.name`).
CREATE TABLE indicator_readings (
    id          INTEGER PRIMARY KEY,
    objective   TEXT NOT NULL REFERENCES objectives (code) ON DELETE CASCADE,
    indicator   TEXT NOT NULL,
    value       REAL NOT NULL,
    measured_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX indicator_readings_by_objective
    ON indicator_readings (objective, indicator, measured_on, id);

-- The outcome rating an assessment records (1 not met, 2 partly met, 3 met, 4 exceeded),
-- under its activity's label.
CREATE TABLE activity_ratings (
    activity_id INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    rated_by    TEXT NOT NULL,
    rated_at    TEXT NOT NULL
);

-- Assessments due: the completed activities, oldest end first, listed and counted from
-- this partial index alone (it carries the label) however many activities there are.
CREATE INDEX activities_completed_by_end
    ON activities (end_date, id, status, classification, owner_nation, releasable_to)
    WHERE status = 'completed';
