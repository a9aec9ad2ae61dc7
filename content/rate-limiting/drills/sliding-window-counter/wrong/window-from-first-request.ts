// Plausible but wrong: starts a key's first window at its first request and then steps in whole
// windows from there, instead of cutting time at multiples of windowMs. The estimate is right
// for the key's own windows, but they do not line up with the clock-aligned windows the
// contract uses, so the previous window is weighted by the wrong overlap.
export function createSlidingWindowCounter({ limit, windowMs, now }: { limit: number; windowMs: number; now: () => number }) {
  const states = new Map<string, { origin: number; windowStart: number; current: number; previous: number }>();
  return {
    tryAcquire(key: string) {
      const t = now();
      let s = states.get(key);
      if (!s) {
        s = { origin: t, windowStart: t, current: 0, previous: 0 };
        states.set(key, s);
      }
      const windowStart = s.origin + Math.floor((t - s.origin) / windowMs) * windowMs;
      if (s.windowStart !== windowStart) {
        s.previous = s.windowStart === windowStart - windowMs ? s.current : 0;
        s.current = 0;
        s.windowStart = windowStart;
      }
      const estimate = (s.previous * (windowMs - (t - windowStart))) / windowMs + s.current;
      if (estimate < limit) {
        s.current++;
        return { allowed: true, estimate };
      }
      return { allowed: false, estimate };
    },
  };
}
