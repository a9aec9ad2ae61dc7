-- Wrong: only pending jobs are claimable, so a job whose worker died mid-run (its lease expired)
-- stays 'running' forever and is never retried: the polls take jobs 7 and 2 instead of 5 and 7.
BEGIN IMMEDIATE;
UPDATE jobs
SET status = 'running', locked_by = 'w-7', locked_until = 1718000300, attempts = attempts + 1
WHERE id = (
  SELECT id FROM jobs
  WHERE queue = 'emails' AND status = 'pending' AND run_at <= 1718000000
  ORDER BY priority DESC, run_at, id
  LIMIT 1
)
RETURNING id;
COMMIT;
