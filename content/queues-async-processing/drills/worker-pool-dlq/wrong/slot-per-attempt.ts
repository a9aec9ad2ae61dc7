// Plausible but wrong: limits concurrency per *attempt* (like wrapping each `job.run()` in a
// p-limit) instead of per job. A job that failed gives its slot back while it sleeps through its
// backoff and then queues for a slot again, so more than `concurrency` jobs are in progress at
// once and a retrying job waits behind every job queued after it.
type Job<T> = { id: string; run: () => Promise<T> };

export async function processJobs<T>(jobs: Job<T>[], { concurrency, maxAttempts, backoffMs, sleep }: { concurrency: number; maxAttempts: number; backoffMs: (n: number) => number; sleep: (ms: number) => Promise<void> }) {
  const completed: Array<{ id: string; value: T; attempts: number }> = [];
  const deadLetters: Array<{ id: string; error: unknown; attempts: number }> = [];
  let free = concurrency;
  const waiting: Array<() => void> = [];
  const acquire = async () => {
    if (free > 0) {
      free--;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  const runJob = async (job: Job<T>) => {
    for (let attempt = 1; ; attempt++) {
      await acquire();
      try {
        const value = await job.run();
        completed.push({ id: job.id, value, attempts: attempt });
        return;
      } catch (error) {
        if (attempt >= maxAttempts) {
          deadLetters.push({ id: job.id, error, attempts: attempt });
          return;
        }
      } finally {
        release();
      }
      await sleep(backoffMs(attempt));
    }
  };
  await Promise.all(jobs.map(runJob));
  return { completed, deadLetters };
}
