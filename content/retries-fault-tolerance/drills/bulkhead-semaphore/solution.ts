export class BulkheadFullError extends Error {
  name = "BulkheadFullError";
  constructor(message = "bulkhead full: every permit is busy and the queue is full") {
    super(message);
  }
}

export type BulkheadOptions = {
  maxConcurrent: number;
  maxQueue: number;
};

export function createBulkhead({ maxConcurrent, maxQueue }: BulkheadOptions) {
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next(); // hand the permit straight to the oldest waiter: no window for a newcomer
    else running--;
  };

  // Calls the task inside try, so a synchronous throw also releases the permit.
  const start = async <T>(task: () => Promise<T>): Promise<T> => {
    try {
      return await task();
    } finally {
      release();
    }
  };

  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      if (running < maxConcurrent && waiting.length === 0) {
        running++;
        return start(task);
      }
      if (waiting.length >= maxQueue) return Promise.reject(new BulkheadFullError());
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => void start(task).then(resolve, reject));
      });
    },
    running: () => running,
    queued: () => waiting.length,
  };
}
