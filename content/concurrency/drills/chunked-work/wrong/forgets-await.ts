// Plausible but wrong: calls yieldNow() between chunks but forgets to await it, so the loop never
// actually gives up the thread — all chunks run back to back in one synchronous burst and the
// health check still waits for the whole job.
export type ChunkOptions = { chunkSize: number; yieldNow: () => Promise<void> };

export async function processInChunks<T, R>(items: readonly T[], fn: (item: T, index: number) => R, options: ChunkOptions): Promise<R[]> {
  const { chunkSize, yieldNow } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError("chunkSize must be a positive integer");
  const results: R[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) void yieldNow();
    for (let i = start; i < Math.min(start + chunkSize, items.length); i++) results.push(fn(items[i]!, i));
  }
  return results;
}
