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
  for (let attempt = 0; ; attempt++) {
    try {
      return await op(attempt);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt + 1 >= maxAttempts) throw error;
      // Full jitter: cap the exponential ceiling first, then draw uniformly below it.
      const delay = random() * Math.min(capMs, baseMs * 2 ** attempt);
      // The next attempt must be able to start before the deadline, or the sleep is wasted.
      if (now() + delay >= deadline) throw error;
      await sleep(delay);
    }
  }
}
