CREATE INDEX events_type_created_user ON events (type, created_at, user_id);
