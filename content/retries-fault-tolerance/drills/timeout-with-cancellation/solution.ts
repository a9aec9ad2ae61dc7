export interface Signal {
  readonly aborted: boolean;
  readonly reason: unknown;
  onAbort(listener: (reason: unknown) => void): () => void;
}

export class Controller {
  readonly signal: Signal;
  #aborted = false;
  #reason: unknown = undefined;
  #listeners: Array<(reason: unknown) => void> = [];

  constructor() {
    const self = this;
    this.signal = {
      get aborted() {
        return self.#aborted;
      },
      get reason() {
        return self.#reason;
      },
      onAbort(listener) {
        if (self.#aborted) return () => {};
        self.#listeners.push(listener);
        return () => {
          const i = self.#listeners.indexOf(listener);
          if (i !== -1) self.#listeners.splice(i, 1);
        };
      },
    };
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener(reason);
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
  const { clock, signal: outer } = options;
  if (outer?.aborted) return Promise.reject(outer.reason);
  const controller = new Controller();

  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: number | undefined;
    let stopListening = () => {};

    const cleanUp = () => {
      settled = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      stopListening();
    };
    // The timeout or the outer signal won: give up AND tell the operation to stop.
    const cancel = (reason: unknown) => {
      if (settled) return;
      cleanUp();
      reject(reason);
      controller.abort(reason);
    };
    // The operation won: pass its outcome through and leave its signal alone.
    const finish = (ok: boolean, value: unknown) => {
      if (settled) return;
      cleanUp();
      if (ok) resolve(value as T);
      else reject(value);
    };

    timer = clock.setTimeout(() => {
      timer = undefined;
      cancel(new TimeoutError(`operation timed out after ${ms} ms`));
    }, ms);
    if (outer) stopListening = outer.onAbort(cancel);

    let result: Promise<T>;
    try {
      result = op(controller.signal);
    } catch (error) {
      finish(false, error);
      return;
    }
    Promise.resolve(result).then(
      (value) => finish(true, value),
      (error) => finish(false, error),
    );
  });
}
