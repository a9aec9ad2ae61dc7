// Plausible but wrong: weights the previous window by the fraction of the current window that has
// ELAPSED instead of the fraction of the previous window that still overlaps the last windowMs.
// At the start of a window the previous one is ignored (a burst right after a busy window gets
// through), and at the end it counts almost fully. Halfway through, both happen to agree.
export function createSlidingWindowCounter({ limit, windowMs, now }: { limit: number; windowMs: number; now: () => number }) {
  const states = new Map<string, { windowStart: number; current: number; previous: number }>();
  return {
    tryAcquire(key: string) {
      const t = now();
      const windowStart = Math.floor(t / windowMs) * windowMs;
      let s = states.get(key);
      if (!s) {
        s = { windowStart, current: 0, previous: 0 };
        states.set(key, s);
      } else if (s.windowStart !== windowStart) {
        s.previous = s.windowStart === windowStart - windowMs ? s.current : 0;
        s.current = 0;
        s.windowStart = windowStart;
      }
      const estimate = (s.previous * (t - windowStart)) / windowMs + s.current;
      if (estimate < limit) {
        s.current++;
        return { allowed: true, estimate };
      }
      return { allowed: false, estimate };
    },
  };
}
