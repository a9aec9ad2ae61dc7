// Plausible but wrong: cleans up in `.finally()` on the handler's promise. That covers resolve and
// reject, but a handler that throws synchronously never produces a promise: the throw escapes
// `run` itself (which is not async), and the request and its listener are never cleaned up.
export interface EventBus {
  on(event: "shutdown", listener: () => void): void;
  off(event: "shutdown", listener: () => void): void;
}

export type RequestContext = { requestId: string; startedAt: number; cancelled: boolean };
export type Completed = { requestId: string; startedAt: number; durationMs: number; ok: boolean };

export type TrackerOptions = { bus: EventBus; now: () => number; historyLimit?: number };

export function createRequestTracker({ bus, now, historyLimit = 100 }: TrackerOptions) {
  const active = new Map<string, RequestContext>();
  const history: Completed[] = [];

  return {
    run<T>(requestId: string, handler: (ctx: RequestContext) => T | Promise<T>): Promise<T> {
      const ctx: RequestContext = { requestId, startedAt: now(), cancelled: false };
      const onShutdown = () => {
        ctx.cancelled = true;
      };
      active.set(requestId, ctx);
      bus.on("shutdown", onShutdown);
      let ok = false;
      return Promise.resolve(handler(ctx))
        .then((result) => {
          ok = true;
          return result;
        })
        .finally(() => {
          bus.off("shutdown", onShutdown);
          active.delete(requestId);
          history.push({ requestId, startedAt: ctx.startedAt, durationMs: now() - ctx.startedAt, ok });
          if (history.length > historyLimit) history.shift();
        });
    },
    inFlight: (): string[] => [...active.keys()],
    recent: (): Completed[] => history.slice(),
    stats: () => ({ inFlight: active.size, history: history.length }),
  };
}
