export type Db<V> = {
  read(key: string): Promise<V | undefined>;
  write(key: string, value: V): Promise<void>;
};

export type Cache<V> = {
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V): Promise<void>;
  delete(key: string): Promise<void>;
};

export type Repository<V> = {
  read(key: string): Promise<V | undefined>;
  write(key: string, value: V): Promise<void>;
};

export function createRepository<V>({ db, cache }: { db: Db<V>; cache: Cache<V> }): Repository<V> {
  /** Per key: how many writes have committed. A read may fill only if none committed meanwhile. */
  const generations = new Map<string, number>();
  const generation = (key: string) => generations.get(key) ?? 0;

  return {
    async read(key) {
      const cached = await cache.get(key);
      if (cached !== undefined) return cached;

      const seen = generation(key); // taken before the SELECT
      const value = await db.read(key);
      if (value === undefined) return undefined;
      if (generation(key) !== seen) return value; // a write committed after our SELECT began

      await cache.set(key, value);
      // A write may have committed and deleted the key while our set was on its way, landing
      // after that delete. Undo our fill: a miss is cheap, a stale entry is not.
      if (generation(key) !== seen) await cache.delete(key);
      return value;
    },

    async write(key, value) {
      await db.write(key, value);
      generations.set(key, generation(key) + 1); // after the commit, before the delete
      await cache.delete(key);
    },
  };
}
