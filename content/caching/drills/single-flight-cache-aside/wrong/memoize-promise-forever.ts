// Plausible but wrong: memoises the load promise per key and forgets it only when the load
// fails. Concurrent misses are coalesced, but the promise outlives its flight: once the cached
// entry expires or is evicted, every later miss is answered from the old promise and the
// loader is never called again (and the map keeps every value ever loaded).
export type Cache<V> = { get(key: string): Promise<V | undefined>; set(key: string, value: V): Promise<void> };

export function createCacheAside<V>({ cache }: { cache: Cache<V> }) {
  const loads = new Map<string, Promise<V>>();
  return {
    async get(key: string, loader: () => Promise<V>): Promise<V> {
      let cached: V | undefined;
      try {
        cached = await cache.get(key);
      } catch {
        cached = undefined;
      }
      if (cached !== undefined) return cached;
      let load = loads.get(key);
      if (!load) {
        load = (async () => {
          const value = await loader();
          await cache.set(key, value).catch(() => {});
          return value;
        })();
        load.catch(() => loads.delete(key));
        loads.set(key, load);
      }
      return load;
    },
  };
}
