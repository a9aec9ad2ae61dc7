export type Key = string | number;

export type LoaderOptions<K extends Key, V> = {
  /** Fetches many rows in one round trip; rows may come back in any order, missing keys are absent. */
  batchFn: (keys: K[]) => Promise<V[]>;
  /** The key a returned row belongs to. */
  keyOf: (row: V) => K;
  /** Most keys in one batchFn call; default: no limit. */
  maxBatchSize?: number;
};

export function createLoader<K extends Key, V>(options: LoaderOptions<K, V>) {
  return {
    load(key: K): Promise<V | undefined> {
      // Your code here
      return Promise.reject(new Error("not implemented"));
    },
  };
}
