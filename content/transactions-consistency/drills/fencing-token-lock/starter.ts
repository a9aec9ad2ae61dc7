export type Lease = { resource: string; token: number; expiresAt: number };

export interface Backend<T> {
  /** Stores the value. Slow: concurrent calls may finish in any order. May reject. */
  write(key: string, value: T): Promise<void>;
}

export class StaleTokenError extends Error {
  override name = "StaleTokenError";
  constructor(
    readonly key: string,
    readonly token: number,
    readonly highest: number,
  ) {
    super(`Stale token ${token} for ${key}: token ${highest} was already seen`);
  }
}

export function createLockService(options: { now: () => number }) {
  return {
    acquire(resource: string, ttlMs: number): Lease | null {
      // Your code here
      return null;
    },
    release(lease: Lease): boolean {
      // Your code here
      return false;
    },
  };
}

export function createFencedStorage<T>(backend: Backend<T>) {
  return {
    async write(key: string, value: T, token: number): Promise<void> {
      // Your code here
    },
  };
}
