// Plausible but wrong: schedules a new request at now + (requests still in the queue) × interval.
// That ignores how far the worker already is into the current interval, so a request arriving
// mid-interval is scheduled too early, closer than intervalMs to the one before it.
export function createLeakyBucket({ capacity, intervalMs, now }: { capacity: number; intervalMs: number; now: () => number }) {
  let queue: number[] = []; // processing times of accepted requests not yet processed
  return {
    offer() {
      const t = now();
      queue = queue.filter((at) => at >= t);
      const waiting = queue.filter((at) => at > t);
      if (waiting.length >= capacity) return { accepted: false as const, retryAfterMs: waiting[0]! - t };
      const processAt = t + queue.length * intervalMs;
      queue.push(processAt);
      return { accepted: true as const, processAt, waitMs: processAt - t };
    },
    pending() {
      const t = now();
      return queue.filter((at) => at > t).length;
    },
  };
}
