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

  /** The lease currently held on `resource`, if any (an expired one does not count). */
  const held = (resource: string): Lease | undefined => {
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
      if (!current || current.token !== lease.token) return false; // not yours (any more)
      leases.delete(lease.resource);
      return true;
    },
  };
}

export function createFencedStorage<T>(backend: Backend<T>) {
  const highest = new Map<string, number>();
  // Per key, the tail of the queue of writes: each write starts after the previous one settles.
  const tails = new Map<string, Promise<void>>();

  return {
    write(key: string, value: T, token: number): Promise<void> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(async () => {
        const seen = highest.get(key);
        if (seen !== undefined && token < seen) throw new StaleTokenError(key, token, seen);
        highest.set(key, token);
        await backend.write(key, value);
      });
      const tail = result.then(
        () => undefined,
        () => undefined, // a failed write must not block the queue
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
