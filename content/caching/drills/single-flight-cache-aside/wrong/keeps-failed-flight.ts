// Plausible but wrong: removes the flight only when the load succeeds (cleanup in `.then`
// instead of `finally`). A failed load leaves its rejected promise in the map, so every later
// request for that key gets the same old error and the loader is never retried: the failure
// is cached forever.
export type Cache<V> = { get(key: string): Promise<V | undefined>; set(key: string, value: V): Promise<void> };

export function createCacheAside<V>({ cache }: { cache: Cache<V> }) {
  const flights = new Map<string, Promise<V>>();
  return {
    async get(key: string, loader: () => Promise<V>): Promise<V> {
      let cached: V | undefined;
      try {
        cached = await cache.get(key);
      } catch {
        cached = undefined;
      }
      if (cached !== undefined) return cached;
      let flight = flights.get(key);
      if (!flight) {
        flight = loader().then(async (value) => {
          await cache.set(key, value).catch(() => {});
          flights.delete(key);
          return value;
        });
        flights.set(key, flight);
      }
      return flight;
    },
  };
}
