// Plausible but wrong: sleeps after *every* failed attempt, including the last one, and only then
// notices it is out of attempts. Each dead-lettered job holds its slot for one extra backoff
// (often the longest one) for nothing, and backoffMs is asked for an attempt that never comes.
type Job<T> = { id: string; run: () => Promise<T> };

export async function processJobs<T>(jobs: Job<T>[], { concurrency, maxAttempts, backoffMs, sleep }: { concurrency: number; maxAttempts: number; backoffMs: (n: number) => number; sleep: (ms: number) => Promise<void> }) {
  const completed: Array<{ id: string; value: T; attempts: number }> = [];
  const deadLetters: Array<{ id: string; error: unknown; attempts: number }> = [];
  let next = 0;
  const runJob = async (job: Job<T>) => {
    let lastError: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        const value = await job.run();
        completed.push({ id: job.id, value, attempts: attempt });
        return;
      } catch (error) {
        lastError = error;
        await sleep(backoffMs(attempt));
      }
    }
    deadLetters.push({ id: job.id, error: lastError, attempts: maxAttempts });
  };
  const worker = async () => {
    while (next < jobs.length) await runJob(jobs[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return { completed, deadLetters };
}
