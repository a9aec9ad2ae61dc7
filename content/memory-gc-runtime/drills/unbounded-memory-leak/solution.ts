export interface EventBus {
  on(event: "shutdown", listener: () => void): void;
  off(event: "shutdown", listener: () => void): void;
}

export type RequestContext = { requestId: string; startedAt: number; cancelled: boolean };
export type Completed = { requestId: string; startedAt: number; durationMs: number; ok: boolean };

export type TrackerOptions = {
  bus: EventBus;
  now: () => number;
  historyLimit?: number;
};

export function createRequestTracker({ bus, now, historyLimit = 100 }: TrackerOptions) {
  const active = new Map<string, RequestContext>();
  const history: Completed[] = [];

  const record = (entry: Completed) => {
    history.push(entry);
    if (history.length > historyLimit) history.splice(0, history.length - historyLimit);
  };

  return {
    async run<T>(requestId: string, handler: (ctx: RequestContext) => T | Promise<T>): Promise<T> {
      const ctx: RequestContext = { requestId, startedAt: now(), cancelled: false };
      // Keep a reference to the exact function, so that off() can find it again.
      const onShutdown = () => {
        ctx.cancelled = true;
      };
      active.set(requestId, ctx);
      bus.on("shutdown", onShutdown);
      let ok = false;
      try {
        // Inside an async function, a synchronous throw from handler lands in the same finally.
        const result = await handler(ctx);
        ok = true;
        return result;
      } finally {
        bus.off("shutdown", onShutdown);
        active.delete(requestId);
        record({ requestId, startedAt: ctx.startedAt, durationMs: now() - ctx.startedAt, ok });
      }
    },

    inFlight(): string[] {
      return [...active.keys()];
    },

    recent(): Completed[] {
      return history.slice();
    },

    stats(): { inFlight: number; history: number } {
      return { inFlight: active.size, history: history.length };
    },
  };
}
