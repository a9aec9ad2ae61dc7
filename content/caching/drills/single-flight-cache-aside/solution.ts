export type Cache<V> = {
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V): Promise<void>;
};

export type CacheAside<V> = {
  get(key: string, loader: () => Promise<V>): Promise<V>;
};

export function createCacheAside<V>({ cache }: { cache: Cache<V> }): CacheAside<V> {
  /** One promise per key being loaded; it settles after the value is stored (or the load failed). */
  const flights = new Map<string, Promise<V>>();

  const load = async (key: string, loader: () => Promise<V>): Promise<V> => {
    const value = await loader(); // a sync throw becomes a rejection here, too
    try {
      await cache.set(key, value);
    } catch {
      // The cache is best-effort: the callers still get the value.
    }
    return value;
  };

  return {
    async get(key, loader) {
      let cached: V | undefined;
      try {
        cached = await cache.get(key);
      } catch {
        cached = undefined; // an unreachable cache is a miss
      }
      if (cached !== undefined) return cached;

      // No await between looking for a flight and registering one: check and act are atomic.
      let flight = flights.get(key);
      if (flight === undefined) {
        const started: Promise<V> = load(key, loader).finally(() => {
          // Success or failure, this flight is over: a failure must not be cached. (`finally`
          // runs in a later microtask, so this never happens before the flight is registered.)
          if (flights.get(key) === started) flights.delete(key);
        });
        flight = started;
        flights.set(key, flight);
      }
      return flight;
    },
  };
}
