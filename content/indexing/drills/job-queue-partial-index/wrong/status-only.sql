-- Wrong: an index on status alone finds the pending rows, but the worker must then sort them by
-- run_at with a temporary B-tree, and the queue-depth panel reads every pending row from the table.
CREATE INDEX jobs_status ON jobs (status);
