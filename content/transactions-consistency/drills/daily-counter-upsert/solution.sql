BEGIN;
INSERT INTO daily_page_views (page, day, views)
SELECT page, date(occurred_at, 'unixepoch'), COUNT(DISTINCT event_id)
FROM incoming
WHERE event_id NOT IN (SELECT event_id FROM processed_events)
GROUP BY page, date(occurred_at, 'unixepoch')
ON CONFLICT (page, day) DO UPDATE SET views = views + excluded.views;
INSERT INTO processed_events (event_id, processed_at)
SELECT DISTINCT event_id, 1718070000 FROM incoming WHERE true
ON CONFLICT (event_id) DO NOTHING;
COMMIT;
