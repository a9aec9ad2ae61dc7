export class BulkheadFullError extends Error {
  name = "BulkheadFullError";
}

export type BulkheadOptions = {
  /** Permits: the most tasks running at once (≥ 1). */
  maxConcurrent: number;
  /** How many calls may wait for a permit (≥ 0). */
  maxQueue: number;
};

export function createBulkhead(options: BulkheadOptions) {
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      // Your code here
      return task();
    },
    running(): number {
      return 0;
    },
    queued(): number {
      return 0;
    },
  };
}
