// Plausible but wrong: starts a key's window at its first request (like SET … EX on the first
// INCR) instead of at a multiple of windowMs. The counter resets at a different moment than the
// documented clock-aligned window, so Retry-After and the reset are off by up to a whole window.
export function createFixedWindowLimiter({ limit, windowMs, now }: { limit: number; windowMs: number; now: () => number }) {
  const counters = new Map<string, { resetAt: number; count: number }>();
  return {
    hit(key: string) {
      const t = now();
      let c = counters.get(key);
      if (!c || t >= c.resetAt) {
        c = { resetAt: t + windowMs, count: 0 };
        counters.set(key, c);
      }
      if (c.count < limit) {
        c.count++;
        return { allowed: true, remaining: limit - c.count, retryAfterSeconds: 0 };
      }
      return { allowed: false, remaining: 0, retryAfterSeconds: Math.ceil((c.resetAt - t) / 1000) };
    },
  };
}
