// Plausible but wrong: handles failures with `job.run().then(onValue, onError)`. When `run` throws
// synchronously (before it ever returns a promise) the error escapes the promise chain: the
// worker crashes, processJobs rejects, and the remaining jobs are never finished or dead-lettered.
type Job<T> = { id: string; run: () => Promise<T> };

export async function processJobs<T>(jobs: Job<T>[], { concurrency, maxAttempts, backoffMs, sleep }: { concurrency: number; maxAttempts: number; backoffMs: (n: number) => number; sleep: (ms: number) => Promise<void> }) {
  const completed: Array<{ id: string; value: T; attempts: number }> = [];
  const deadLetters: Array<{ id: string; error: unknown; attempts: number }> = [];
  let next = 0;
  const attempt = (job: Job<T>, n: number): Promise<void> =>
    job.run().then(
      (value) => void completed.push({ id: job.id, value, attempts: n }),
      (error) => {
        if (n >= maxAttempts) {
          deadLetters.push({ id: job.id, error, attempts: n });
          return;
        }
        return sleep(backoffMs(n)).then(() => attempt(job, n + 1));
      },
    );
  const worker = async () => {
    while (next < jobs.length) await attempt(jobs[next++]!, 1);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return { completed, deadLetters };
}
