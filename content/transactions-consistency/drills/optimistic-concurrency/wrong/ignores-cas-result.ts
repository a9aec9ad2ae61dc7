// Plausible but wrong: sends the version check but never looks at compareAndSet's result, like
// discarding JDBC's executeUpdate() row count. A conflicting write changes nothing, yet the
// caller is told it succeeded, so updates vanish without an error.
export type Versioned<T> = { value: T; version: number };

export interface VersionedStore<T> {
  get(id: string): Promise<Versioned<T> | undefined>;
  compareAndSet(id: string, expectedVersion: number, newValue: T): Promise<boolean>;
}

export class ConflictError extends Error {
  override name = "ConflictError";
  constructor(
    readonly id: string,
    readonly attempts: number,
  ) {
    super(`Conflict: ${id} kept changing; gave up after ${attempts} attempts`);
  }
}

export class NotFoundError extends Error {
  override name = "NotFoundError";
  constructor(readonly id: string) {
    super(`Not found: ${id}`);
  }
}

export function createUpdater<T>(store: VersionedStore<T>) {
  return {
    async updateWithRetry(id: string, mutate: (current: T) => T | Promise<T>, options: { maxAttempts?: number } = {}): Promise<Versioned<T>> {
      const current = await store.get(id);
      if (!current) throw new NotFoundError(id);
      const next = await mutate(current.value);
      await store.compareAndSet(id, current.version, next);
      return { value: next, version: current.version + 1 };
    },
  };
}
