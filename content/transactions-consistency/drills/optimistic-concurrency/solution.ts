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
        // The version we send must be the one that came with the value mutate saw.
        const next = await mutate(current.value);
        if (await store.compareAndSet(id, current.version, next)) {
          return { value: next, version: current.version + 1 };
        }
      }
      throw new ConflictError(id, maxAttempts);
    },
  };
}
