// Plausible but wrong: the classic Promise.race timeout. The caller gets a TimeoutError on time,
// but the operation's signal is never aborted, so the work keeps running (and holding its
// connection) after everyone stopped waiting; the timer is never cleared either.
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
  const timeout = new Promise<never>((_, reject) => {
    clock.setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms);
  });
  const cancelled = new Promise<never>((_, reject) => {
    outer?.onAbort(reject);
  });
  return Promise.race([op(controller.signal), timeout, cancelled]);
}
