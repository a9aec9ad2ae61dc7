// Plausible but wrong: release() frees the resource by name (the classic `DEL lock:<name>`)
// without checking that the caller's lease is still the current one. A client whose lease
// expired releases the lock of the client that took over, and a third client gets in while the
// second still works.
export type Lease = { resource: string; token: number; expiresAt: number };

export interface Backend<T> {
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

export function createLockService({ now }: { now: () => number }) {
  let lastToken = 0;
  const leases = new Map<string, Lease>();
  return {
    acquire(resource: string, ttlMs: number): Lease | null {
      const lease = leases.get(resource);
      if (lease && now() < lease.expiresAt) return null;
      const granted = { resource, token: ++lastToken, expiresAt: now() + ttlMs };
      leases.set(resource, granted);
      return { ...granted };
    },
    release(lease: Lease): boolean {
      return leases.delete(lease.resource);
    },
  };
}

export function createFencedStorage<T>(backend: Backend<T>) {
  const highest = new Map<string, number>();
  const tails = new Map<string, Promise<void>>();
  return {
    write(key: string, value: T, token: number): Promise<void> {
      const result = (tails.get(key) ?? Promise.resolve()).then(async () => {
        const seen = highest.get(key) ?? 0;
        if (token < seen) throw new StaleTokenError(key, token, seen);
        highest.set(key, token);
        await backend.write(key, value);
      });
      tails.set(key, result.catch(() => undefined));
      return result;
    },
  };
}
