-- Wrong: without ON DELETE CASCADE a user who has sessions cannot be deleted, and with no index
-- on user_id "sign out everywhere" (and every user delete) scans the whole sessions table.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  CHECK (expires_at > created_at)
);
