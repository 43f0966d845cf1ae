-- The partner filter in date order: each participation carries its activity's start date
-- (the store writes both together), so a partner's activities are read in order from one
-- index, a page at a time, instead of all found and sorted for every page.

ALTER TABLE activity_participants ADD COLUMN start_date DATE;
UPDATE activity_participants p SET start_date = a.start_date FROM activities a WHERE a.id = p.activity_id;
ALTER TABLE activity_participants ALTER COLUMN start_date SET NOT NULL;
DROP INDEX participants_by_partner;
CREATE INDEX participants_by_partner ON activity_participants (partner, start_date, activity_id);
