export type Job<T> = { id: string; run: () => Promise<T> };

export type PoolOptions = {
  concurrency: number;
  maxAttempts: number;
  /** The wait before the next attempt, given the number of the attempt that just failed (1, 2, …). */
  backoffMs: (failedAttempt: number) => number;
  /** Resolves after `ms` of virtual time. */
  sleep: (ms: number) => Promise<void>;
};

export type Completed<T> = { id: string; value: T; attempts: number };
export type DeadLetter = { id: string; error: unknown; attempts: number };

export async function processJobs<T>(jobs: Job<T>[], options: PoolOptions): Promise<{ completed: Completed<T>[]; deadLetters: DeadLetter[] }> {
  const completed: Completed<T>[] = [];
  const deadLetters: DeadLetter[] = [];
  // Your code here
  return { completed, deadLetters };
}
