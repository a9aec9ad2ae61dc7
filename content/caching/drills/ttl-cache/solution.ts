export type TtlCacheOptions = {
  defaultTtlMs: number;
  sweepIntervalMs: number;
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export type TtlCache<K, V> = {
  set(key: K, value: V, ttlMs?: number): void;
  get(key: K): V | undefined;
  has(key: K): boolean;
  delete(key: K): boolean;
  size(): number;
  storedCount(): number;
  sweep(): number;
  close(): void;
};

type Entry<V> = { value: V; deadline: number };

export function createTtlCache<K, V>(options: TtlCacheOptions): TtlCache<K, V> {
  const { defaultTtlMs, sweepIntervalMs, now } = options;
  const entries = new Map<K, Entry<V>>();
  let timer: unknown = undefined;
  let closed = false;

  /** The live entry for key, removing it first if it has expired. */
  const live = (key: K): Entry<V> | undefined => {
    const e = entries.get(key);
    if (e === undefined) return undefined;
    if (now() >= e.deadline) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };

  const sweep = (): number => {
    const t = now();
    let removed = 0;
    for (const [key, e] of entries) {
      if (t >= e.deadline) {
        entries.delete(key); // deleting the current key while iterating a Map is safe
        removed++;
      }
    }
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
    set(key, value, ttlMs = defaultTtlMs) {
      entries.delete(key); // restart both the TTL and the entry's place in the sweep order
      entries.set(key, { value, deadline: now() + ttlMs });
    },
    get: (key) => live(key)?.value,
    has: (key) => live(key) !== undefined,
    delete(key) {
      const wasLive = live(key) !== undefined;
      entries.delete(key);
      return wasLive;
    },
    size() {
      const t = now();
      let n = 0;
      for (const e of entries.values()) if (t < e.deadline) n++;
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
