// Plausible but wrong: assumes batchFn returns one row per key, in key order (as DataLoader's own
// contract demands), and resolves keys[i] with rows[i]. A SQL `WHERE id = ANY($1)` returns rows in
// any order and skips ids it has no row for, so loads get someone else's row or undefined.
export type Key = string | number;

export type LoaderOptions<K extends Key, V> = {
  batchFn: (keys: K[]) => Promise<V[]>;
  keyOf: (row: V) => K;
  maxBatchSize?: number;
};

type Waiter<V> = { resolve: (v: V | undefined) => void; reject: (e: unknown) => void };

export function createLoader<K extends Key, V>({ batchFn, maxBatchSize = Infinity }: LoaderOptions<K, V>) {
  const cache = new Map<K, Promise<V | undefined>>();
  let queue: Map<K, Waiter<V>> | null = null;

  async function runBatch(batch: Array<[K, Waiter<V>]>) {
    try {
      const rows = await batchFn(batch.map(([k]) => k));
      batch.forEach(([, w], i) => w.resolve(rows[i]));
    } catch (error) {
      for (const [key, w] of batch) {
        cache.delete(key);
        w.reject(error);
      }
    }
  }

  return {
    load(key: K): Promise<V | undefined> {
      const cached = cache.get(key);
      if (cached) return cached;
      if (!queue) {
        queue = new Map();
        void Promise.resolve().then(() => {
          const entries = [...queue!];
          queue = null;
          for (let i = 0; i < entries.length; i += maxBatchSize) void runBatch(entries.slice(i, i + maxBatchSize));
        });
      }
      const q = queue;
      const p = new Promise<V | undefined>((resolve, reject) => q.set(key, { resolve, reject }));
      cache.set(key, p);
      return p;
    },
  };
}
