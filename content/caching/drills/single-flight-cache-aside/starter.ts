export type Cache<V> = {
  /** Resolves to undefined on a miss. */
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V): Promise<void>;
};

export type CacheAside<V> = {
  get(key: string, loader: () => Promise<V>): Promise<V>;
};

export function createCacheAside<V>(options: { cache: Cache<V> }): CacheAside<V> {
  // Your code here
  return {
    async get(key: string, loader: () => Promise<V>): Promise<V> {
      return loader();
    },
  };
}
