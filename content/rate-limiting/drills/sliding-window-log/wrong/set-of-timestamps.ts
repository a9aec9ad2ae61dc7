// Plausible but wrong: stores each key's log as a Set of timestamps (like a sorted-set member that
// is just the timestamp). Requests in the same millisecond collapse into one entry, so a burst
// within one millisecond is never limited.
export function createSlidingWindowLog({ limit, windowMs, now }: { limit: number; windowMs: number; now: () => number }) {
  const logs = new Map<string, Set<number>>();
  const evict = (log: Set<number>, t: number) => {
    for (const ts of log) {
      if (t - ts >= windowMs) log.delete(ts);
      else break;
    }
  };
  return {
    tryAcquire(key: string) {
      const t = now();
      const log = logs.get(key) ?? new Set<number>();
      logs.set(key, log);
      evict(log, t);
      if (log.size < limit) {
        log.add(t);
        return { allowed: true, retryAfterMs: 0 };
      }
      const oldest = log.values().next().value as number;
      return { allowed: false, retryAfterMs: oldest + windowMs - t };
    },
    prune() {
      const t = now();
      for (const [key, log] of logs) {
        evict(log, t);
        if (!log.size) logs.delete(key);
      }
    },
    stats() {
      let entries = 0;
      for (const log of logs.values()) entries += log.size;
      return { keys: logs.size, entries };
    },
  };
}
