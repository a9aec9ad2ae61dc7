BEGIN IMMEDIATE;
UPDATE jobs
SET status = 'running'
WHERE id = (SELECT id FROM jobs LIMIT 1);
COMMIT;
