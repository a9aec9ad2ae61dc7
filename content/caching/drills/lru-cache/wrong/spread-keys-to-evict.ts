// Plausible but wrong: uses a Map in insertion order correctly, but finds the least recently used
// key with `[...entries.keys()][0]`. That copies every key on each eviction, so once the cache is
// full every new key costs O(n) and a large, busy cache runs out of CPU time.
export type LruCacheOptions<K, V> = { capacity: number; onEvict?: (key: K, value: V) => void };

export function createLruCache<K, V>({ capacity, onEvict }: LruCacheOptions<K, V>) {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be an integer ≥ 1");
  const entries = new Map<K, V>();

  return {
    get(key: K): V | undefined {
      if (!entries.has(key)) return undefined;
      const value = entries.get(key) as V;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key: K, value: V): void {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) {
        const oldest = [...entries.keys()][0] as K;
        const evicted = entries.get(oldest) as V;
        entries.delete(oldest);
        onEvict?.(oldest, evicted);
      }
    },
    has: (key: K) => entries.has(key),
    delete: (key: K) => entries.delete(key),
    size: () => entries.size,
    keys: () => [...entries.keys()],
  };
}
