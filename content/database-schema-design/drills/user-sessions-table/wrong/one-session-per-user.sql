-- Wrong: UNIQUE on user_id signs a user out of the laptop when they sign in on the phone; a
-- nullable expires_at allows sessions that never expire; and nothing checks the token hash's
-- shape, so a raw token can be stored by mistake.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  CHECK (expires_at > created_at)
);
