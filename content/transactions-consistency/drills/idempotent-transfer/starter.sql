BEGIN;
-- your statements
COMMIT;
