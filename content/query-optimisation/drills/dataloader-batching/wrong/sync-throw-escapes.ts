// Plausible but wrong: handles the batch's outcome with `batchFn(keys).then(onRows, onError)`.
// If batchFn throws synchronously (before it returns a promise, e.g. "pool exhausted") the error
// escapes into the flush microtask instead of reaching onError: the batch's loads never settle,
// and their keys stay cached as pending forever.
export type Key = string | number;

export type LoaderOptions<K extends Key, V> = {
  batchFn: (keys: K[]) => Promise<V[]>;
  keyOf: (row: V) => K;
  maxBatchSize?: number;
};

type Waiter<V> = { resolve: (v: V | undefined) => void; reject: (e: unknown) => void };

export function createLoader<K extends Key, V>({ batchFn, keyOf, maxBatchSize = Infinity }: LoaderOptions<K, V>) {
  const cache = new Map<K, Promise<V | undefined>>();
  // Keys waiting for the next flush, in the order first requested (a Map keeps insertion order).
  let queue: Map<K, Waiter<V>> | null = null;

  function runBatch(batch: Array<[K, Waiter<V>]>): Promise<void> {
    const keys = batch.map(([k]) => k);
    return batchFn(keys).then(
      (rows) => {
        const byKey = new Map<K, V>();
        for (const row of rows) {
          const k = keyOf(row);
          if (!byKey.has(k)) byKey.set(k, row);
        }
        for (const [key, w] of batch) w.resolve(byKey.get(key));
      },
      (error) => {
        for (const [key, w] of batch) {
          cache.delete(key);
          w.reject(error);
        }
      },
    );
  }

  function dispatch(): void {
    const entries = [...queue!];
    queue = null; // loads from now on start a new batch
    const size = Math.max(1, maxBatchSize);
    for (let i = 0; i < entries.length; i += size) void runBatch(entries.slice(i, i + size));
  }

  return {
    load(key: K): Promise<V | undefined> {
      const cached = cache.get(key);
      if (cached) return cached;
      if (!queue) {
        queue = new Map();
        void Promise.resolve().then(dispatch);
      }
      const q = queue;
      const promise = new Promise<V | undefined>((resolve, reject) => q.set(key, { resolve, reject }));
      cache.set(key, promise);
      return promise;
    },
  };
}
