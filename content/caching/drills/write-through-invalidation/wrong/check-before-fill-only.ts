// Plausible but wrong: keeps a per-key version and skips the fill if a write committed during
// the database read, but checks only *before* calling cache.set. A write that commits and
// deletes the key while the set is in flight lands its delete first, and the old value is
// written after it: the same stale entry, in a smaller window.
export type Db<V> = { read(key: string): Promise<V | undefined>; write(key: string, value: V): Promise<void> };
export type Cache<V> = { get(key: string): Promise<V | undefined>; set(key: string, value: V): Promise<void>; delete(key: string): Promise<void> };

export function createRepository<V>({ db, cache }: { db: Db<V>; cache: Cache<V> }) {
  const versions = new Map<string, number>();
  const version = (key: string) => versions.get(key) ?? 0;
  return {
    async read(key: string): Promise<V | undefined> {
      const cached = await cache.get(key);
      if (cached !== undefined) return cached;
      const before = version(key);
      const value = await db.read(key);
      if (value !== undefined && version(key) === before) await cache.set(key, value);
      return value;
    },
    async write(key: string, value: V): Promise<void> {
      await db.write(key, value);
      versions.set(key, version(key) + 1);
      await cache.delete(key);
    },
  };
}
