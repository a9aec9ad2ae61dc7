// Plausible but wrong: set() on an existing key updates the value in place but keeps the old
// deadline, so a key that is refreshed regularly still expires TTL ms after its first write.
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
  let timer: unknown;
  let closed = false;
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
  const arm = () => {
    timer = options.setTimeout(() => {
      sweep();
      if (!closed) arm();
    }, sweepIntervalMs);
  };
  arm();
  return {
    set(key: K, value: V, ttlMs = defaultTtlMs) {
      const existing = live(key);
      if (existing) existing.value = value;
      else entries.set(key, { value, deadline: now() + ttlMs });
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
      closed = true;
      options.clearTimeout(timer);
    },
  };
}
