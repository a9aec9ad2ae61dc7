// Plausible but wrong: "makes it async" by yielding once up front, then processes every item in
// one synchronous loop. The caller's stack unwinds, but the big loop still blocks everything else
// for its whole duration.
export type ChunkOptions = { chunkSize: number; yieldNow: () => Promise<void> };

export async function processInChunks<T, R>(items: readonly T[], fn: (item: T, index: number) => R, options: ChunkOptions): Promise<R[]> {
  const { chunkSize, yieldNow } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError("chunkSize must be a positive integer");
  await yieldNow();
  return items.map((item, i) => fn(item, i));
}
