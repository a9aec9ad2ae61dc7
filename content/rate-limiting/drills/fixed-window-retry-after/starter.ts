export type FixedWindowOptions = {
  limit: number;
  windowMs: number;
  /** Current time in milliseconds. */
  now: () => number;
};

export type Result = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export function createFixedWindowLimiter(options: FixedWindowOptions) {
  return {
    hit(key: string): Result {
      // Your code here
      return { allowed: false, remaining: 0, retryAfterSeconds: 0 };
    },
  };
}
