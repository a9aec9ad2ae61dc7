export type LeakyBucketOptions = {
  capacity: number;
  intervalMs: number;
  now: () => number;
};

export type Offer = { accepted: true; processAt: number; waitMs: number } | { accepted: false; retryAfterMs: number };

export function createLeakyBucket({ capacity, intervalMs, now }: LeakyBucketOptions) {
  // Only the processing time of the last accepted request is needed: while the worker is busy the
  // waiting requests sit at last, last − interval, last − 2·interval, … (all later than now).
  let last = -Infinity;

  const waiting = (t: number) => (last > t ? Math.ceil((last - t) / intervalMs) : 0);

  return {
    offer(): Offer {
      const t = now();
      const n = waiting(t);
      if (n >= capacity) {
        const oldestWaiting = last - (n - 1) * intervalMs;
        return { accepted: false, retryAfterMs: oldestWaiting - t };
      }
      const processAt = Math.max(t, last + intervalMs);
      last = processAt;
      return { accepted: true, processAt, waitMs: processAt - t };
    },
    pending(): number {
      return waiting(now());
    },
  };
}
