CREATE INDEX jobs_pending_queue_run_at ON jobs (queue, run_at) WHERE status = 'pending';
