BEGIN IMMEDIATE;
UPDATE jobs
SET status = 'running', locked_by = 'w-7', locked_until = 1718000300, attempts = attempts + 1
WHERE id = (
  SELECT id FROM jobs
  WHERE queue = 'emails'
    AND ((status = 'pending' AND run_at <= 1718000000)
      OR (status = 'running' AND locked_until < 1718000000))
  ORDER BY priority DESC, run_at, id
  LIMIT 1
)
RETURNING id;
COMMIT;
