-- Wrong: the range column leads. A window is still a search, but a count over all time has no
-- created_at bound to seek on, so it walks the whole index, and the latest-purchases list cannot
-- jump to one type's newest entries.
CREATE INDEX events_created_type_user ON events (created_at, type, user_id);
