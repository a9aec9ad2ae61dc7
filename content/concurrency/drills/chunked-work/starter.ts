export type ChunkOptions = {
  /** Items to process before yielding; a positive integer. */
  chunkSize: number;
  /** Lets other work run; await it between chunks. */
  yieldNow: () => Promise<void>;
};

export async function processInChunks<T, R>(items: readonly T[], fn: (item: T, index: number) => R, options: ChunkOptions): Promise<R[]> {
  // Your code here
  return [];
}
