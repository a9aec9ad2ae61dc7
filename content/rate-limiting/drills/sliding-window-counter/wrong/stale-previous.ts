// Plausible but wrong: when the window changes, always moves `current` into `previous`, without
// checking that the stored window is the one immediately before. A key that was busy, then idle
// for several windows, is still charged for its old traffic.
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
        s.previous = s.current;
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
