// Plausible but wrong: splits the jobs into batches of `concurrency` and waits for each whole
// batch (Promise.all) before starting the next. One slow or poison job — retrying with long
// backoffs — holds up every job in the following batches, and free slots sit idle.
type Job<T> = { id: string; run: () => Promise<T> };

export async function processJobs<T>(jobs: Job<T>[], { concurrency, maxAttempts, backoffMs, sleep }: { concurrency: number; maxAttempts: number; backoffMs: (n: number) => number; sleep: (ms: number) => Promise<void> }) {
  const completed: Array<{ id: string; value: T; attempts: number }> = [];
  const deadLetters: Array<{ id: string; error: unknown; attempts: number }> = [];
  const runJob = async (job: Job<T>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const value = await job.run();
        completed.push({ id: job.id, value, attempts: attempt });
        return;
      } catch (error) {
        if (attempt >= maxAttempts) {
          deadLetters.push({ id: job.id, error, attempts: attempt });
          return;
        }
        await sleep(backoffMs(attempt));
      }
    }
  };
  for (let i = 0; i < jobs.length; i += concurrency) {
    await Promise.all(jobs.slice(i, i + concurrency).map(runJob));
  }
  return { completed, deadLetters };
}
