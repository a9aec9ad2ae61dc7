-- Product analytics for a SaaS app, January to June 2024: 4,000 users and the tracking events of
-- their sessions plus anonymous visitors. Deterministic (no random()): every value comes from
-- arithmetic on the row number, so every snapshot is identical. "Now" is 2024-07-01 00:00 UTC
-- (1719792000); every event is earlier.
-- Emails are stored as the users typed them: most domains are lower case, some are in capitals.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  plan TEXT NOT NULL CHECK (plan IN ('free', 'pro', 'team')),
  signed_up_at INTEGER NOT NULL
);
-- user_id is NULL for anonymous visitors (not signed in). ids grow with created_at (append-only).
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users (id),
  name TEXT NOT NULL CHECK (name IN ('page_view', 'login', 'search', 'export', 'invite')),
  path TEXT,
  created_at INTEGER NOT NULL
);
-- One sign-up every 65 minutes from 2024-01-01; every 23rd user typed the domain in capitals.
WITH RECURSIVE n(u) AS (SELECT 1 UNION ALL SELECT u + 1 FROM n WHERE u < 4000),
d(u, domain) AS (
  SELECT u, CASE u % 16 WHEN 0 THEN 'acme.io' WHEN 1 THEN 'outlook.com' WHEN 2 THEN 'globex.com'
                        WHEN 3 THEN 'yahoo.com' WHEN 4 THEN 'proton.me' WHEN 5 THEN 'initech.com'
                        WHEN 6 THEN 'hey.com' ELSE 'gmail.com' END
  FROM n
)
INSERT INTO users (id, email, plan, signed_up_at)
SELECT u, 'user' || u || '@' || CASE WHEN u % 23 = 0 THEN upper(domain) ELSE domain END,
       CASE WHEN u % 10 = 0 THEN 'team' WHEN u % 4 = 0 THEN 'pro' ELSE 'free' END,
       1704067200 + (u - 1) * 3900
FROM d;
-- 100,000 events. Each user is active from sign-up for 3 to 152 days (then churns, or the data
-- ends); every 61st user has no events at all (signed up, never came back). Every 9th event is an
-- anonymous page view, spread evenly over the half-year.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000),
e(i, u) AS (
  SELECT i, CASE WHEN i % 9 = 0 OR (1 + (i * 7919) % 4000) % 61 = 0 THEN NULL ELSE 1 + (i * 7919) % 4000 END FROM n
),
t(i, u, created_at) AS (
  SELECT i, u,
         CASE WHEN u IS NULL THEN 1704067200 + (i * 317) % 15724800
              -- sign-up time (see users) plus an offset inside the user's active period
              ELSE 1704067200 + (u - 1) * 3900
                   + (i * 104729) % min((3 + (u * 37) % 150) * 86400, 15724800 - (u - 1) * 3900) END
  FROM e
)
INSERT INTO events (user_id, name, path, created_at)
SELECT u,
       CASE WHEN u IS NULL THEN 'page_view'
            WHEN (i * 31) % 10 < 2 THEN 'login'
            WHEN (i * 31) % 10 < 7 THEN 'page_view'
            WHEN (i * 31) % 10 = 7 THEN 'search'
            WHEN (i * 31) % 10 = 8 THEN 'export'
            ELSE 'invite' END,
       CASE WHEN u IS NULL THEN CASE i % 4 WHEN 0 THEN '/' WHEN 1 THEN '/pricing' WHEN 2 THEN '/docs' ELSE '/blog' END
            WHEN (i * 31) % 10 BETWEEN 2 AND 6 THEN CASE i % 4 WHEN 0 THEN '/dashboard' WHEN 1 THEN '/reports' WHEN 2 THEN '/settings' ELSE '/docs' END
       END,
       created_at
FROM t
ORDER BY created_at, i;
