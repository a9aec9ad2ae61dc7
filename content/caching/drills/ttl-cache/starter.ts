export type TtlCacheOptions = {
  /** TTL used when set() is called without one, in ms (> 0). */
  defaultTtlMs: number;
  /** How often the periodic sweep runs, in ms (> 0). */
  sweepIntervalMs: number;
  /** Current time in ms. */
  now: () => number;
  /** Runs fn once after ms; returns a handle for clearTimeout. */
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export type TtlCache<K, V> = {
  set(key: K, value: V, ttlMs?: number): void;
  get(key: K): V | undefined;
  has(key: K): boolean;
  delete(key: K): boolean;
  /** Live (unexpired) entries only. */
  size(): number;
  /** Entries physically held right now, including expired ones not yet removed. */
  storedCount(): number;
  /** Removes every expired entry now; returns how many it removed. */
  sweep(): number;
  /** Stops the periodic sweep. */
  close(): void;
};

export function createTtlCache<K, V>(options: TtlCacheOptions): TtlCache<K, V> {
  // Your code here
  return {
    set(key: K, value: V, ttlMs?: number): void {},
    get(key: K): V | undefined {
      return undefined;
    },
    has(key: K): boolean {
      return false;
    },
    delete(key: K): boolean {
      return false;
    },
    size(): number {
      return 0;
    },
    storedCount(): number {
      return 0;
    },
    sweep(): number {
      return 0;
    },
    close(): void {},
  };
}
