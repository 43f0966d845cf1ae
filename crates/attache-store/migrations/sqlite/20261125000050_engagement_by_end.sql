-- The engagement counts leave out coercive presence (a visit carried out without
-- clearance): the flag joins the index they are answered from, so that they still read
-- the index alone.
DROP INDEX activities_by_end;
CREATE INDEX activities_by_end ON activities
    (end_date, start_date, category, status, coercive_presence, classification, owner_nation,
     releasable_to);
