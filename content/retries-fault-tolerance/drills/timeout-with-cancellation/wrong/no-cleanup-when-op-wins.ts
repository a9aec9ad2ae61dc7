// Plausible but wrong: cancels correctly on a timeout or an outer abort, but when the operation
// finishes first it neither clears the timer nor stops listening to the outer signal. Every call
// leaks a timer and a listener (on a long-lived request signal they pile up), and when the stale
// timer fires it aborts the signal of an operation that already succeeded.
export interface Signal {
  readonly aborted: boolean;
  readonly reason: unknown;
  onAbort(listener: (reason: unknown) => void): () => void;
}

export class Controller {
  readonly signal: Signal;
  private state = { aborted: false, reason: undefined as unknown, listeners: [] as Array<(reason: unknown) => void> };
  constructor() {
    const state = this.state;
    this.signal = {
      get aborted() {
        return state.aborted;
      },
      get reason() {
        return state.reason;
      },
      onAbort(listener) {
        if (state.aborted) return () => {};
        state.listeners.push(listener);
        return () => {
          state.listeners = state.listeners.filter((l) => l !== listener);
        };
      },
    };
  }
  abort(reason: unknown): void {
    if (this.state.aborted) return;
    this.state.aborted = true;
    this.state.reason = reason;
    const listeners = this.state.listeners;
    this.state.listeners = [];
    for (const l of listeners) l(reason);
  }
}

export class TimeoutError extends Error {
  name = "TimeoutError";
}

export type TimerClock = { setTimeout(fn: () => void, ms: number): number; clearTimeout(id: number): void };

export function withTimeout<T>(op: (signal: Signal) => Promise<T>, ms: number, options: { clock: TimerClock; signal?: Signal }): Promise<T> {
  const { clock, signal: outer } = options;
  if (outer?.aborted) return Promise.reject(outer.reason);
  const controller = new Controller();
  return new Promise<T>((resolve, reject) => {
    let timer = 0;
    let stopListening = () => {};
    const cancel = (reason: unknown) => {
      clock.clearTimeout(timer);
      stopListening();
      reject(reason);
      controller.abort(reason);
    };
    timer = clock.setTimeout(() => cancel(new TimeoutError(`timed out after ${ms} ms`)), ms);
    if (outer) stopListening = outer.onAbort(cancel);
    op(controller.signal).then(resolve, reject);
  });
}
