-- Wrong: (type, created_at) finds the rows, but user_id is not in the index, so counting distinct
-- buyers reads every matching row from the table as well.
CREATE INDEX events_type_created ON events (type, created_at);
