// Plausible but wrong: checks the deadline only before starting an attempt, so it happily starts a
// sleep that ends after the deadline and only then notices there is no time left. The caller waits
// out a pointless backoff long after its budget could have been reported as spent.
export type RetryOptions = {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  deadlineMs: number;
  isRetryable: (error: unknown) => boolean;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
};

export async function retry<T>(op: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { maxAttempts, baseMs, capMs, deadlineMs, isRetryable, now, sleep, random } = options;
  const deadline = now() + deadlineMs;
  let lastError: unknown;
  for (let attempt = 0; attempt < maxAttempts && now() < deadline; attempt++) {
    if (attempt > 0) await sleep(random() * Math.min(capMs, baseMs * 2 ** (attempt - 1)));
    if (now() >= deadline) break;
    try {
      return await op(attempt);
    } catch (error) {
      lastError = error;
      if (!isRetryable(error)) throw error;
    }
  }
  throw lastError;
}
