-- The partner filter in date order: each participation carries its activity's start date
-- (the store writes both together), so a partner's activities are read in order from one
-- index, a page at a time, instead of all found and sorted for every page.

ALTER TABLE activity_participants ADD COLUMN start_date TEXT NOT NULL DEFAULT '';
UPDATE activity_participants
   SET start_date = (SELECT a.start_date FROM activities a WHERE a.id = activity_participants.activity_id);
DROP INDEX participants_by_partner;
CREATE INDEX participants_by_partner ON activity_participants (partner, start_date, activity_id);
