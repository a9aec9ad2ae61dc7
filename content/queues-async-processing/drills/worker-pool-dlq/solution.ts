export type Job<T> = { id: string; run: () => Promise<T> };

export type PoolOptions = {
  concurrency: number;
  maxAttempts: number;
  backoffMs: (failedAttempt: number) => number;
  sleep: (ms: number) => Promise<void>;
};

export type Completed<T> = { id: string; value: T; attempts: number };
export type DeadLetter = { id: string; error: unknown; attempts: number };

export async function processJobs<T>(jobs: Job<T>[], { concurrency, maxAttempts, backoffMs, sleep }: PoolOptions): Promise<{ completed: Completed<T>[]; deadLetters: DeadLetter[] }> {
  const completed: Completed<T>[] = [];
  const deadLetters: DeadLetter[] = [];
  let next = 0;

  const runJob = async (job: Job<T>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const value = await job.run(); // a synchronous throw lands in the catch too
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

  // Each worker takes the next job as soon as it is free, so a slow or poison job occupies one
  // slot only.
  const worker = async () => {
    while (next < jobs.length) await runJob(jobs[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return { completed, deadLetters };
}
