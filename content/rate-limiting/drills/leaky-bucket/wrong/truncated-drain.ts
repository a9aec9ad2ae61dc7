// Plausible but wrong: tracks a water level and drains it by whole intervals since the LAST CALL,
// then resets that timestamp. The partial interval is thrown away on every call, so a bucket that
// is polled more often than once per interval never drains and rejects everything.
export function createLeakyBucket({ capacity, intervalMs, now }: { capacity: number; intervalMs: number; now: () => number }) {
  let level = 0; // requests in the bucket, including the one being processed
  let lastLeak = now();
  const drain = () => {
    const t = now();
    level = Math.max(0, level - Math.floor((t - lastLeak) / intervalMs));
    lastLeak = t;
    return t;
  };
  return {
    offer() {
      const t = drain();
      if (level > capacity) return { accepted: false as const, retryAfterMs: intervalMs };
      const waitMs = level * intervalMs;
      level++;
      return { accepted: true as const, processAt: t + waitMs, waitMs };
    },
    pending() {
      drain();
      return Math.max(0, level - 1);
    },
  };
}
