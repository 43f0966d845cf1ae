-- Counts read from indexes alone, without a row of the (wide) table each.
--
-- Activities overlapping a recent or coming period (the dashboard's counts and chart):
-- found by their end date, which bounds the scan from below (an end before the period
-- cannot overlap it); the start date, the grouping columns and the security label
-- (which every read filters on) come from the same entries.
CREATE INDEX activities_by_end ON activities
    (end_date, start_date, category, status, classification, owner_nation, releasable_to);

-- Activities waiting in a status (the dashboard's queues): counted with their labels from
-- the index; still read in (start date, id) order for the list filtered by status.
DROP INDEX activities_by_status;
CREATE INDEX activities_by_status ON activities
    (status, start_date, id, end_date, classification, owner_nation, releasable_to);

-- The longest activity's length, read at the top of this index: it bounds from below the
-- start date of any activity that overlaps a period (see `start_floor` in the store).
CREATE INDEX activities_by_span ON activities ((julianday(end_date) - julianday(start_date)));
