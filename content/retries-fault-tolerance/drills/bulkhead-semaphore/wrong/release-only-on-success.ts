// Plausible but wrong: releases the permit only after a task succeeds. Every task that throws or
// rejects leaks its permit, so after maxConcurrent failures (exactly when the dependency is
// struggling) the bulkhead is jammed shut and queued callers wait forever.
export class BulkheadFullError extends Error {
  name = "BulkheadFullError";
}

export function createBulkhead({ maxConcurrent, maxQueue }: { maxConcurrent: number; maxQueue: number }) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const start = async <T>(task: () => Promise<T>): Promise<T> => {
    const value = await task();
    release();
    return value;
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      if (running < maxConcurrent && waiting.length === 0) {
        running++;
        return start(task);
      }
      if (waiting.length >= maxQueue) return Promise.reject(new BulkheadFullError("full"));
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => void start(task).then(resolve, reject));
      });
    },
    running: () => running,
    queued: () => waiting.length,
  };
}
