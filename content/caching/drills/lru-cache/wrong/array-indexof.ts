// Plausible but wrong: keeps recency in an array and moves keys with indexOf + splice. The
// behaviour is right, but every get and set scans the array, so each operation is O(n) and a
// large cache under load runs out of CPU time.
export type LruCacheOptions<K, V> = { capacity: number; onEvict?: (key: K, value: V) => void };

export function createLruCache<K, V>({ capacity, onEvict }: LruCacheOptions<K, V>) {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be an integer ≥ 1");
  const values = new Map<K, V>();
  const order: K[] = []; // least recently used first

  const touch = (key: K) => {
    const i = order.indexOf(key);
    if (i !== -1) order.splice(i, 1);
    order.push(key);
  };

  return {
    get(key: K): V | undefined {
      if (!values.has(key)) return undefined;
      touch(key);
      return values.get(key);
    },
    set(key: K, value: V): void {
      values.set(key, value);
      touch(key);
      if (order.length > capacity) {
        const oldest = order.shift() as K;
        const evicted = values.get(oldest) as V;
        values.delete(oldest);
        onEvict?.(oldest, evicted);
      }
    },
    has: (key: K) => values.has(key),
    delete(key: K): boolean {
      if (!values.delete(key)) return false;
      order.splice(order.indexOf(key), 1);
      return true;
    },
    size: () => values.size,
    keys: () => [...order],
  };
}
