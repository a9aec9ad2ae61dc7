// Plausible but wrong: to "avoid needless conflicts" it reads the record again right before
// writing and sends that fresh version. The check then compares against a version read after
// mutate ran, so a write that landed in between is silently overwritten: a read-modify-write that
// loses updates under concurrency.
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
    async updateWithRetry(id: string, mutate: (current: T) => T | Promise<T>, { maxAttempts = 5 }: { maxAttempts?: number } = {}): Promise<Versioned<T>> {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const current = await store.get(id);
        if (!current) throw new NotFoundError(id);
        const next = await mutate(current.value);
        const latest = await store.get(id);
        if (!latest) throw new NotFoundError(id);
        if (await store.compareAndSet(id, latest.version, next)) return { value: next, version: latest.version + 1 };
      }
      throw new ConflictError(id, maxAttempts);
    },
  };
}
