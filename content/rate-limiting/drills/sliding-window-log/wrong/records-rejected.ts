// Plausible but wrong: logs every request, including rejected ones (ZADD before the check). A
// client that keeps retrying keeps its own log full and is locked out for as long as it retries,
// and its log grows with every rejected attempt instead of staying at `limit` entries.
export function createSlidingWindowLog({ limit, windowMs, now }: { limit: number; windowMs: number; now: () => number }) {
  const logs = new Map<string, number[]>();
  const evict = (log: number[], t: number) => {
    while (log.length && t - log[0]! >= windowMs) log.shift();
  };
  return {
    tryAcquire(key: string) {
      const t = now();
      const log = logs.get(key) ?? [];
      logs.set(key, log);
      evict(log, t);
      const allowed = log.length < limit;
      log.push(t);
      return allowed ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: log[0]! + windowMs - t };
    },
    prune() {
      const t = now();
      for (const [key, log] of logs) {
        evict(log, t);
        if (!log.length) logs.delete(key);
      }
    },
    stats() {
      let entries = 0;
      for (const log of logs.values()) entries += log.length;
      return { keys: logs.size, entries };
    },
  };
}
