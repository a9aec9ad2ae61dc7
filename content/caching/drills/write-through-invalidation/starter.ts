export type Db<V> = {
  /** Resolves to undefined when there is no such row. */
  read(key: string): Promise<V | undefined>;
  write(key: string, value: V): Promise<void>;
};

export type Cache<V> = {
  /** Resolves to undefined on a miss. */
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V): Promise<void>;
  delete(key: string): Promise<void>;
};

export type Repository<V> = {
  read(key: string): Promise<V | undefined>;
  write(key: string, value: V): Promise<void>;
};

export function createRepository<V>(options: { db: Db<V>; cache: Cache<V> }): Repository<V> {
  const { db, cache } = options;
  // Your code here
  return {
    async read(key: string): Promise<V | undefined> {
      return undefined;
    },
    async write(key: string, value: V): Promise<void> {},
  };
}
