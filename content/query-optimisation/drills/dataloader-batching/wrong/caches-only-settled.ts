// Plausible but wrong: dedupes keys within one batch, but caches a key only once its value has
// arrived. A load of a key whose query is still running (it was flushed already) is queued into a
// new batch and queries the database again, so concurrent resolvers still duplicate work.
export type Key = string | number;

export type LoaderOptions<K extends Key, V> = {
  batchFn: (keys: K[]) => Promise<V[]>;
  keyOf: (row: V) => K;
  maxBatchSize?: number;
};

type Waiter<V> = { resolve: (v: V | undefined) => void; reject: (e: unknown) => void; promise?: Promise<V | undefined> };

export function createLoader<K extends Key, V>({ batchFn, keyOf, maxBatchSize = Infinity }: LoaderOptions<K, V>) {
  const cache = new Map<K, Promise<V | undefined>>();
  // Keys waiting for the next flush, in the order first requested (a Map keeps insertion order).
  let queue: Map<K, Waiter<V>> | null = null;

  async function runBatch(batch: Array<[K, Waiter<V>]>): Promise<void> {
    const keys = batch.map(([k]) => k);
    let rows: V[];
    try {
      rows = await batchFn(keys); // `await` inside try also catches a synchronous throw
    } catch (error) {
      for (const [key, w] of batch) {
        w.reject(error);
      }
      return;
    }
    const byKey = new Map<K, V>();
    for (const row of rows) {
      const k = keyOf(row);
      if (!byKey.has(k)) byKey.set(k, row);
    }
    for (const [key, w] of batch) w.resolve(byKey.get(key));
  }

  function dispatch(): void {
    const entries = [...queue!];
    queue = null; // loads from now on start a new batch
    const size = Math.max(1, maxBatchSize);
    for (let i = 0; i < entries.length; i += size) void runBatch(entries.slice(i, i + size));
  }

  return {
    load(key: K): Promise<V | undefined> {
      if (cache.has(key)) return cache.get(key)!;
      if (!queue) {
        queue = new Map();
        void Promise.resolve().then(dispatch);
      }
      const q = queue;
      const pending = q.get(key);
      if (pending) return pending.promise!; // the same key twice in one batch
      let waiter!: Waiter<V>;
      const promise = new Promise<V | undefined>((resolve, reject) => (waiter = { resolve, reject }));
      q.set(key, { ...waiter, promise });
      // Cache the value once it is known (a failure is not cached).
      promise.then((v) => void cache.set(key, Promise.resolve(v)), () => {});
      return promise;
    },
  };
}
