// Plausible but wrong: the storage checks the token and records it, then starts the backend write
// without waiting for earlier writes to the same key. Each check is correct in isolation, but an
// older write still in flight can reach the backend after a newer one and overwrite it: the
// fencing check is not atomic with the write it guards.
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
  const held = (resource: string) => {
    const lease = leases.get(resource);
    return lease && now() < lease.expiresAt ? lease : undefined;
  };
  return {
    acquire(resource: string, ttlMs: number): Lease | null {
      if (held(resource)) return null;
      const lease = { resource, token: ++lastToken, expiresAt: now() + ttlMs };
      leases.set(resource, lease);
      return { ...lease };
    },
    release(lease: Lease): boolean {
      const current = held(lease.resource);
      if (!current || current.token !== lease.token) return false;
      leases.delete(lease.resource);
      return true;
    },
  };
}

export function createFencedStorage<T>(backend: Backend<T>) {
  const highest = new Map<string, number>();
  return {
    async write(key: string, value: T, token: number): Promise<void> {
      const seen = highest.get(key) ?? 0;
      if (token < seen) throw new StaleTokenError(key, token, seen);
      highest.set(key, token);
      await backend.write(key, value);
    },
  };
}
