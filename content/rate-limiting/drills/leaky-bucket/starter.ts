export type LeakyBucketOptions = {
  /** How many requests may wait in the queue. */
  capacity: number;
  /** Minimum spacing between two processed requests, in ms. */
  intervalMs: number;
  /** Current time in milliseconds. */
  now: () => number;
};

export type Offer = { accepted: true; processAt: number; waitMs: number } | { accepted: false; retryAfterMs: number };

export function createLeakyBucket(options: LeakyBucketOptions) {
  return {
    offer(): Offer {
      // Your code here
      return { accepted: false, retryAfterMs: 0 };
    },
    pending(): number {
      // Your code here
      return 0;
    },
  };
}
