export type SlidingWindowCounterOptions = {
  limit: number;
  windowMs: number;
  now: () => number;
};

export type Decision = { allowed: boolean; estimate: number };

type State = { windowStart: number; current: number; previous: number };

export function createSlidingWindowCounter({ limit, windowMs, now }: SlidingWindowCounterOptions) {
  const states = new Map<string, State>();

  return {
    tryAcquire(key: string): Decision {
      const t = now();
      const windowStart = Math.floor(t / windowMs) * windowMs;
      let s = states.get(key);
      if (!s) {
        s = { windowStart, current: 0, previous: 0 };
        states.set(key, s);
      } else if (s.windowStart !== windowStart) {
        // Roll forward: the old current is the new previous only if it was the window just before.
        s.previous = s.windowStart === windowStart - windowMs ? s.current : 0;
        s.current = 0;
        s.windowStart = windowStart;
      }
      const elapsed = t - windowStart;
      const estimate = (s.previous * (windowMs - elapsed)) / windowMs + s.current;
      if (estimate < limit) {
        s.current += 1;
        return { allowed: true, estimate };
      }
      return { allowed: false, estimate };
    },
  };
}
