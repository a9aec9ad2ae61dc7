export type FixedWindowOptions = {
  limit: number;
  windowMs: number;
  now: () => number;
};

export type Result = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export function createFixedWindowLimiter({ limit, windowMs, now }: FixedWindowOptions) {
  const counters = new Map<string, { windowStart: number; count: number }>();

  return {
    hit(key: string): Result {
      const t = now();
      const windowStart = Math.floor(t / windowMs) * windowMs;
      let c = counters.get(key);
      if (!c || c.windowStart !== windowStart) {
        c = { windowStart, count: 0 };
        counters.set(key, c);
      }
      if (c.count < limit) {
        c.count += 1;
        return { allowed: true, remaining: limit - c.count, retryAfterSeconds: 0 };
      }
      const resetAt = windowStart + windowMs;
      return { allowed: false, remaining: 0, retryAfterSeconds: Math.ceil((resetAt - t) / 1000) };
    },
  };
}
