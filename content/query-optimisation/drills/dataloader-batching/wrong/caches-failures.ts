// Plausible but wrong: caches the promise for every key and never evicts it, so after one
// transient database error ("connection reset") every later load of those keys rejects again
// without ever querying: the failure is cached for the loader's lifetime.
export type Key = string | number;

export type LoaderOptions<K extends Key, V> = {
  batchFn: (keys: K[]) => Promise<V[]>;
  keyOf: (row: V) => K;
  maxBatchSize?: number;
};

export function createLoader<K extends Key, V>({ batchFn, keyOf, maxBatchSize = Infinity }: LoaderOptions<K, V>) {
  const cache = new Map<K, Promise<V | undefined>>();
  let pending: K[] = [];
  let flushed: Promise<Map<K, V>[]> | null = null;

  const flush = async (): Promise<Map<K, V>[]> => {
    await Promise.resolve();
    const keys = pending;
    pending = [];
    flushed = null;
    const chunks: K[][] = [];
    for (let i = 0; i < keys.length; i += maxBatchSize) chunks.push(keys.slice(i, i + maxBatchSize));
    return Promise.all(chunks.map(async (chunk) => new Map((await batchFn(chunk)).map((row) => [keyOf(row), row] as [K, V]))));
  };

  return {
    load(key: K): Promise<V | undefined> {
      let p = cache.get(key);
      if (!p) {
        pending.push(key);
        flushed ??= flush();
        p = flushed.then((maps) => maps.find((m) => m.has(key))?.get(key));
        cache.set(key, p);
      }
      return p;
    },
  };
}
