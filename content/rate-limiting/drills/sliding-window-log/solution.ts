export type SlidingWindowLogOptions = {
  limit: number;
  windowMs: number;
  now: () => number;
};

export type Decision = { allowed: boolean; retryAfterMs: number };

export function createSlidingWindowLog({ limit, windowMs, now }: SlidingWindowLogOptions) {
  // Each log is sorted oldest first, because timestamps are appended as time moves forward.
  const logs = new Map<string, number[]>();

  const evict = (log: number[], t: number) => {
    let drop = 0;
    while (drop < log.length && t - log[drop]! >= windowMs) drop++;
    if (drop > 0) log.splice(0, drop);
  };

  return {
    tryAcquire(key: string): Decision {
      const t = now();
      let log = logs.get(key);
      if (!log) {
        log = [];
        logs.set(key, log);
      }
      evict(log, t);
      if (log.length < limit) {
        log.push(t);
        return { allowed: true, retryAfterMs: 0 };
      }
      return { allowed: false, retryAfterMs: log[0]! + windowMs - t };
    },
    prune(): void {
      const t = now();
      for (const [key, log] of logs) {
        evict(log, t);
        if (log.length === 0) logs.delete(key);
      }
    },
    stats(): { keys: number; entries: number } {
      let entries = 0;
      for (const log of logs.values()) entries += log.length;
      return { keys: logs.size, entries };
    },
  };
}
