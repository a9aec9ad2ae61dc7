// Plausible but wrong: schedules the sweep with setTimeout as if it were setInterval. The sweep
// runs once, sweepIntervalMs after creation, and is never re-armed, so from then on expired
// entries that nobody reads pile up again.
export type TtlCacheOptions = {
  defaultTtlMs: number;
  sweepIntervalMs: number;
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export function createTtlCache<K, V>(options: TtlCacheOptions) {
  const { defaultTtlMs, sweepIntervalMs, now } = options;
  const entries = new Map<K, { value: V; deadline: number }>();
  const live = (key: K) => {
    const e = entries.get(key);
    if (e && now() >= e.deadline) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const sweep = () => {
    let removed = 0;
    for (const [k, e] of entries) if (now() >= e.deadline) (entries.delete(k), removed++);
    return removed;
  };
  const timer = options.setTimeout(sweep, sweepIntervalMs);
  return {
    set(key: K, value: V, ttlMs = defaultTtlMs) {
      entries.set(key, { value, deadline: now() + ttlMs });
    },
    get: (key: K) => live(key)?.value,
    has: (key: K) => live(key) !== undefined,
    delete(key: K) {
      const wasLive = live(key) !== undefined;
      entries.delete(key);
      return wasLive;
    },
    size() {
      let n = 0;
      for (const e of entries.values()) if (now() < e.deadline) n++;
      return n;
    },
    storedCount: () => entries.size,
    sweep,
    close() {
      options.clearTimeout(timer);
    },
  };
}
