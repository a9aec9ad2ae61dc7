// Plausible but wrong: "parallelises" the chunks with Promise.all. Every chunk after the first
// calls yieldNow() up front, so the yields are not between chunks, the chunks run in whatever
// order their yields resolve (fn is no longer called in index order), and when fn throws the
// other chunks keep running — Promise.all rejects, but it cancels nothing.
export type ChunkOptions = { chunkSize: number; yieldNow: () => Promise<void> };

export async function processInChunks<T, R>(items: readonly T[], fn: (item: T, index: number) => R, options: ChunkOptions): Promise<R[]> {
  const { chunkSize, yieldNow } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError("chunkSize must be a positive integer");
  const starts: number[] = [];
  for (let s = 0; s < items.length; s += chunkSize) starts.push(s);
  const parts = await Promise.all(
    starts.map(async (start, k) => {
      if (k > 0) await yieldNow();
      return items.slice(start, start + chunkSize).map((item, j) => fn(item, start + j));
    }),
  );
  return parts.flat();
}
