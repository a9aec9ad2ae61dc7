export type SlidingWindowCounterOptions = {
  limit: number;
  windowMs: number;
  /** Current time in milliseconds. */
  now: () => number;
};

export type Decision = { allowed: boolean; estimate: number };

export function createSlidingWindowCounter(options: SlidingWindowCounterOptions) {
  return {
    tryAcquire(key: string): Decision {
      // Your code here
      return { allowed: false, estimate: 0 };
    },
  };
}
