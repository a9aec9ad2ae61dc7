// Plausible but wrong: the flight covers only the loader call, and each waiter writes the cache
// itself afterwards. Between the loader returning and the value landing in the cache there is
// a window where a caller misses the cache, finds no flight and loads again, so concurrent
// misses can still hit the database more than once.
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
        flight = Promise.resolve()
          .then(loader)
          .finally(() => flights.delete(key));
        flights.set(key, flight);
      }
      const value = await flight;
      await cache.set(key, value).catch(() => {});
      return value;
    },
  };
}
