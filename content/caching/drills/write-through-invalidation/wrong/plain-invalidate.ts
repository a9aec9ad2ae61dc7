// Plausible but wrong: textbook cache-aside with delete-on-write and nothing else. A read that
// fetched the old row before a write committed stores it after the write's delete, and the
// stale value stays in the cache until the next write.
export type Db<V> = { read(key: string): Promise<V | undefined>; write(key: string, value: V): Promise<void> };
export type Cache<V> = { get(key: string): Promise<V | undefined>; set(key: string, value: V): Promise<void>; delete(key: string): Promise<void> };

export function createRepository<V>({ db, cache }: { db: Db<V>; cache: Cache<V> }) {
  return {
    async read(key: string): Promise<V | undefined> {
      const cached = await cache.get(key);
      if (cached !== undefined) return cached;
      const value = await db.read(key);
      if (value !== undefined) await cache.set(key, value);
      return value;
    },
    async write(key: string, value: V): Promise<void> {
      await db.write(key, value);
      await cache.delete(key);
    },
  };
}
