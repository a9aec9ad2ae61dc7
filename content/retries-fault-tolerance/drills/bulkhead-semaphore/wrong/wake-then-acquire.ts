// Plausible but wrong: on release it frees the permit (running--) and merely wakes the oldest
// waiter, which takes the permit later, when its continuation runs. A call arriving in between
// sees a free permit and barges in ahead of the queue — and when the woken waiter then starts too,
// more than maxConcurrent tasks run at once.
export class BulkheadFullError extends Error {
  name = "BulkheadFullError";
}

export function createBulkhead({ maxConcurrent, maxQueue }: { maxConcurrent: number; maxQueue: number }) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= maxConcurrent) {
        if (waiting.length >= maxQueue) throw new BulkheadFullError("full");
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      running++;
      try {
        return await task();
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
    running: () => running,
    queued: () => waiting.length,
  };
}
