export type SlidingWindowLogOptions = {
  limit: number;
  windowMs: number;
  /** Current time in milliseconds. */
  now: () => number;
};

export type Decision = { allowed: boolean; retryAfterMs: number };

export function createSlidingWindowLog(options: SlidingWindowLogOptions) {
  return {
    tryAcquire(key: string): Decision {
      // Your code here
      return { allowed: false, retryAfterMs: 0 };
    },
    prune(): void {
      // Your code here
    },
    stats(): { keys: number; entries: number } {
      // Your code here
      return { keys: 0, entries: 0 };
    },
  };
}
