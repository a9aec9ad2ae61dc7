BEGIN;
-- 1. add this batch's new events to daily_page_views
-- 2. record the batch's event ids in processed_events
COMMIT;
