export type RetryOptions = {
  /** Total attempts, including the first (≥ 1; may be Infinity). */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  /** Budget for the whole call, measured on `now()` from the moment `retry` is called. */
  deadlineMs: number;
  isRetryable: (error: unknown) => boolean;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1). */
  random: () => number;
};

export async function retry<T>(op: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  // Your code here
  return op(0);
}
