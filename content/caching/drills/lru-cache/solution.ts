export type LruCacheOptions<K, V> = {
  capacity: number;
  onEvict?: (key: K, value: V) => void;
};

export type LruCache<K, V> = {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  has(key: K): boolean;
  delete(key: K): boolean;
  size(): number;
  keys(): K[];
};

/**
 * A Map iterates in insertion order, so deleting and re-inserting a key moves it to the end:
 * the first key is always the least recently used one.
 */
export function createLruCache<K, V>({ capacity, onEvict }: LruCacheOptions<K, V>): LruCache<K, V> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be an integer ≥ 1, got ${capacity}`);
  const entries = new Map<K, V>();

  return {
    get(key) {
      if (!entries.has(key)) return undefined;
      const value = entries.get(key) as V;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key, value) {
      if (entries.has(key)) entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) {
        const oldest = entries.keys().next().value as K;
        const evictedValue = entries.get(oldest) as V;
        entries.delete(oldest);
        onEvict?.(oldest, evictedValue);
      }
    },
    has: (key) => entries.has(key),
    delete: (key) => entries.delete(key),
    size: () => entries.size,
    keys: () => [...entries.keys()],
  };
}
