// Plausible but wrong: validates chunkSize with `chunkSize <= 0` only. NaN slips through
// (NaN <= 0 is false) and the loop quietly returns holes instead of results; 1.5 slips through and
// fn is called with fractional indexes (items[1.5] is undefined). Check Number.isInteger too.
export type ChunkOptions = { chunkSize: number; yieldNow: () => Promise<void> };

export async function processInChunks<T, R>(items: readonly T[], fn: (item: T, index: number) => R, options: ChunkOptions): Promise<R[]> {
  const { chunkSize, yieldNow } = options;
  if (chunkSize <= 0) throw new RangeError(`chunkSize must be positive, got ${chunkSize}`);

  const results: R[] = new Array(items.length);
  for (let start = 0; start < items.length; start += chunkSize) {
    // Between chunks (never before the first): give the event loop a turn.
    if (start > 0) await yieldNow();
    const end = Math.min(start + chunkSize, items.length);
    for (let i = start; i < end; i++) results[i] = fn(items[i]!, i); // a throw rejects and stops here
  }
  return results;
}
