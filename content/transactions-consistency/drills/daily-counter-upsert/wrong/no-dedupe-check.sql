-- Wrong: records the event ids, but counts the whole batch without looking at processed_events
-- first, so an event an earlier batch counted is counted again, and a second run doubles everything.
BEGIN;
INSERT INTO daily_page_views (page, day, views)
SELECT page, date(occurred_at, 'unixepoch'), COUNT(DISTINCT event_id)
FROM incoming
WHERE true
GROUP BY page, date(occurred_at, 'unixepoch')
ON CONFLICT (page, day) DO UPDATE SET views = views + excluded.views;
INSERT INTO processed_events (event_id, processed_at)
SELECT DISTINCT event_id, 1718070000 FROM incoming WHERE true
ON CONFLICT (event_id) DO NOTHING;
COMMIT;
