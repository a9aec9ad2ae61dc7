// Plausible but wrong: converts the time to the reset with Math.floor (or integer division). The
// header tells clients to come back before the window has reset, and in the last second it says
// "Retry-After: 0", inviting an immediate retry that is rejected again.
export function createFixedWindowLimiter({ limit, windowMs, now }: { limit: number; windowMs: number; now: () => number }) {
  const counters = new Map<string, { windowStart: number; count: number }>();
  return {
    hit(key: string) {
      const t = now();
      const windowStart = Math.floor(t / windowMs) * windowMs;
      let c = counters.get(key);
      if (!c || c.windowStart !== windowStart) {
        c = { windowStart, count: 0 };
        counters.set(key, c);
      }
      if (c.count < limit) {
        c.count++;
        return { allowed: true, remaining: limit - c.count, retryAfterSeconds: 0 };
      }
      return { allowed: false, remaining: 0, retryAfterSeconds: Math.floor((windowStart + windowMs - t) / 1000) };
    },
  };
}
