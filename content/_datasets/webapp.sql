-- A web application's backend: 5,000 users, an append-only event log of 200,000 events over 2024,
-- and a background job queue of 50,000 jobs (nearly all finished, the newest still pending).
-- Deterministic (no random()): values come from arithmetic on the row number.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  plan TEXT NOT NULL CHECK (plan IN ('free', 'pro', 'team')),
  created_at INTEGER NOT NULL
);
-- The event log keeps no foreign key: events outlive the users who caused them.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  properties TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  queue TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  run_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  finished_at INTEGER
);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO users (id, email, plan, created_at)
SELECT i, 'user' || i || '@example.com',
       CASE WHEN i % 10 = 0 THEN 'team' WHEN i % 4 = 0 THEN 'pro' ELSE 'free' END,
       1672531200 + i * 6000
FROM n;
-- Event types by share: page_view 60%, login 18%, add_to_cart 10%, purchase 7%, signup 3%,
-- logout 2%. created_at grows with id, with up to a minute of jitter (clocks and batching).
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
INSERT INTO events (id, user_id, type, created_at, properties)
SELECT i,
       1 + (i * 7919) % 5000,
       CASE WHEN (i * 37) % 100 < 60 THEN 'page_view'
            WHEN (i * 37) % 100 < 78 THEN 'login'
            WHEN (i * 37) % 100 < 88 THEN 'add_to_cart'
            WHEN (i * 37) % 100 < 95 THEN 'purchase'
            WHEN (i * 37) % 100 < 98 THEN 'signup'
            ELSE 'logout' END,
       1704067200 + i * 157 + (i * 13) % 60,
       CASE WHEN (i * 37) % 100 BETWEEN 88 AND 94 THEN '{"amount_cents":' || (500 + (i * 104729) % 20000) || '}' ELSE '{}' END
FROM n;
-- Jobs 1..48950 are finished (every 97th failed after 5 attempts), 48951..49000 are running and
-- 49001..50000 are pending, some scheduled a few minutes into the future.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
INSERT INTO jobs (id, queue, status, payload, attempts, run_at, created_at, finished_at)
SELECT i,
       CASE i % 4 WHEN 0 THEN 'emails' WHEN 1 THEN 'webhooks' WHEN 2 THEN 'reports' ELSE 'thumbnails' END,
       CASE WHEN i > 49000 THEN 'pending' WHEN i > 48950 THEN 'running' WHEN i % 97 = 0 THEN 'failed' ELSE 'done' END,
       '{"user_id":' || (1 + (i * 7919) % 5000) || '}',
       CASE WHEN i > 49000 THEN 0 WHEN i > 48950 THEN 1 WHEN i % 97 = 0 THEN 5 ELSE 1 END,
       1704067200 + i * 600 + (i % 5) * 60,
       1704067200 + i * 600,
       CASE WHEN i > 48950 THEN NULL ELSE 1704067200 + i * 600 + (i % 5) * 60 + 5 + i % 30 END
FROM n;
