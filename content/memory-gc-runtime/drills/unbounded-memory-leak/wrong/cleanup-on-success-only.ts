// Plausible but wrong: removes the listener, bounds the history and forgets the request, but
// only on the success path after `await handler(ctx)`. Every request whose handler rejects or
// throws stays in the map with its listener attached, and is never recorded: error traffic leaks.
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
    async run<T>(requestId: string, handler: (ctx: RequestContext) => T | Promise<T>): Promise<T> {
      const ctx: RequestContext = { requestId, startedAt: now(), cancelled: false };
      const onShutdown = () => {
        ctx.cancelled = true;
      };
      active.set(requestId, ctx);
      bus.on("shutdown", onShutdown);
      const result = await handler(ctx);
      bus.off("shutdown", onShutdown);
      active.delete(requestId);
      history.push({ requestId, startedAt: ctx.startedAt, durationMs: now() - ctx.startedAt, ok: true });
      if (history.length > historyLimit) history.shift();
      return result;
    },
    inFlight: (): string[] => [...active.keys()],
    recent: (): Completed[] => history.slice(),
    stats: () => ({ inFlight: active.size, history: history.length }),
  };
}
