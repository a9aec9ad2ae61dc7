export type ChunkOptions = { chunkSize: number; yieldNow: () => Promise<void> };

export async function processInChunks<T, R>(items: readonly T[], fn: (item: T, index: number) => R, options: ChunkOptions): Promise<R[]> {
  const { chunkSize, yieldNow } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);

  const results: R[] = new Array(items.length);
  for (let start = 0; start < items.length; start += chunkSize) {
    // Between chunks (never before the first): give the event loop a turn.
    if (start > 0) await yieldNow();
    const end = Math.min(start + chunkSize, items.length);
    for (let i = start; i < end; i++) results[i] = fn(items[i]!, i); // a throw rejects and stops here
  }
  return results;
}
