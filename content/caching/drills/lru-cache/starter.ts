export type LruCacheOptions<K, V> = {
  /** Maximum number of entries: an integer ≥ 1. */
  capacity: number;
  /** Called once for every entry removed to make room (not for delete or overwrite). */
  onEvict?: (key: K, value: V) => void;
};

export type LruCache<K, V> = {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  has(key: K): boolean;
  delete(key: K): boolean;
  size(): number;
  /** Keys from least recently used to most recently used. */
  keys(): K[];
};

export function createLruCache<K, V>(options: LruCacheOptions<K, V>): LruCache<K, V> {
  // Your code here
  return {
    get(key: K): V | undefined {
      return undefined;
    },
    set(key: K, value: V): void {},
    has(key: K): boolean {
      return false;
    },
    delete(key: K): boolean {
      return false;
    },
    size(): number {
      return 0;
    },
    keys(): K[] {
      return [];
    },
  };
}
