-- Wrong: SQLite uses a partial index only when the query's WHERE clause implies the index's WHERE
-- clause, and it does no algebra: status = 'pending' does not match status IN ('pending', 'running'),
-- so the planner ignores this index and scans the whole table.
CREATE INDEX jobs_unfinished ON jobs (queue, run_at) WHERE status IN ('pending', 'running');
