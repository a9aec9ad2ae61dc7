// Plausible but wrong: expires entries only when they are read. Keys that are written once and
// never read again stay in memory forever, so the cache grows with every new key; the periodic
// sweep was left out ("get already checks the TTL").
export type TtlCacheOptions = {
  defaultTtlMs: number;
  sweepIntervalMs: number;
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export function createTtlCache<K, V>({ defaultTtlMs, now }: TtlCacheOptions) {
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
    close() {},
  };
}
