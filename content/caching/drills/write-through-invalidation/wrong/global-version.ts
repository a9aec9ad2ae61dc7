// Plausible but wrong: guards fills with a version counter, checked before and after the
// cache.set, but keeps one counter for the whole repository instead of one per key. No stale
// value gets through, but any write to any key cancels every fill in progress: under a steady
// stream of writes to other keys, reads stop filling the cache and all go to the database.
export type Db<V> = { read(key: string): Promise<V | undefined>; write(key: string, value: V): Promise<void> };
export type Cache<V> = { get(key: string): Promise<V | undefined>; set(key: string, value: V): Promise<void>; delete(key: string): Promise<void> };

export function createRepository<V>({ db, cache }: { db: Db<V>; cache: Cache<V> }) {
  let version = 0;
  return {
    async read(key: string): Promise<V | undefined> {
      const cached = await cache.get(key);
      if (cached !== undefined) return cached;
      const before = version;
      const value = await db.read(key);
      if (value === undefined || version !== before) return value;
      await cache.set(key, value);
      if (version !== before) await cache.delete(key);
      return value;
    },
    async write(key: string, value: V): Promise<void> {
      await db.write(key, value);
      version++;
      await cache.delete(key);
    },
  };
}
