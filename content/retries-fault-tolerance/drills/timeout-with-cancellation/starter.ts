/** A read-only view of a cancellation: what an operation receives and watches. */
export interface Signal {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Runs `listener(reason)` once when the signal aborts; returns a function that removes it. */
  onAbort(listener: (reason: unknown) => void): () => void;
}

export class Controller {
  readonly signal: Signal = {
    aborted: false,
    reason: undefined,
    onAbort: (listener) => {
      // Your code here
      return () => {};
    },
  };

  abort(reason: unknown): void {
    // Your code here
  }
}

export class TimeoutError extends Error {
  name = "TimeoutError";
}

export type TimerClock = {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
};

export function withTimeout<T>(op: (signal: Signal) => Promise<T>, ms: number, options: { clock: TimerClock; signal?: Signal }): Promise<T> {
  // Your code here
  return op(new Controller().signal);
}
