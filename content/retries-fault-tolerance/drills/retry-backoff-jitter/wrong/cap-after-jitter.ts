// Plausible but wrong: applies the cap AFTER the jitter (min(cap, random × base × 2^k)) instead of
// drawing below the capped ceiling. Once base × 2^k passes the cap, most draws are clipped to
// exactly capMs, so clients retry in lockstep again — the thundering herd jitter was meant to fix.
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
      if (!isRetryable(error) || attempt + 1 >= maxAttempts) throw error;
      const delay = Math.min(capMs, random() * baseMs * 2 ** attempt);
      if (now() + delay >= deadline) throw error;
      await sleep(delay);
    }
  }
}
