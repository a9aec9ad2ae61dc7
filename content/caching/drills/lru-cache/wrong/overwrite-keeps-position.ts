// Plausible but wrong: relies on Map insertion order, but `set` on an existing key just calls
// `map.set`, which replaces the value in place and keeps the key's old position. An entry that
// is being rewritten all the time still counts as old and gets evicted first.
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
      entries.set(key, value);
      if (entries.size > capacity) {
        const oldest = entries.keys().next().value as K;
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
