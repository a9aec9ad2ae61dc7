-- Wrong: never compares run_at with now, so a high-priority job scheduled for later (job 3) is
-- started two minutes early, ahead of job 7, which is actually due.
BEGIN IMMEDIATE;
UPDATE jobs
SET status = 'running', locked_by = 'w-7', locked_until = 1718000300, attempts = attempts + 1
WHERE id = (
  SELECT id FROM jobs
  WHERE queue = 'emails'
    AND (status = 'pending' OR (status = 'running' AND locked_until < 1718000000))
  ORDER BY priority DESC, run_at, id
  LIMIT 1
)
RETURNING id;
COMMIT;
