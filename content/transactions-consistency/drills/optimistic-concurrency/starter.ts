export type Versioned<T> = { value: T; version: number };

export interface VersionedStore<T> {
  /** The current value and version, or undefined if there is no such record. */
  get(id: string): Promise<Versioned<T> | undefined>;
  /** Atomic: stores newValue with version expectedVersion + 1 and returns true if the version still matches. */
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
      // Your code here
      throw new Error("not implemented");
    },
  };
}
