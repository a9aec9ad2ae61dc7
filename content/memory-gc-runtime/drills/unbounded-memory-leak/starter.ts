// This tracker leaks. Fix it so that memory stays bounded (see the prompt), keeping its API.

export interface EventBus {
  on(event: "shutdown", listener: () => void): void;
  off(event: "shutdown", listener: () => void): void;
}

export type RequestContext = { requestId: string; startedAt: number; cancelled: boolean };
export type Completed = { requestId: string; startedAt: number; durationMs: number; ok: boolean };

export type TrackerOptions = {
  bus: EventBus;
  /** Current time in milliseconds. */
  now: () => number;
  /** How many completed requests to keep for recent(); default 100. */
  historyLimit?: number;
};

export function createRequestTracker({ bus, now, historyLimit = 100 }: TrackerOptions) {
  const active = new Map<string, RequestContext>();
  const history: Completed[] = [];

  return {
    async run<T>(requestId: string, handler: (ctx: RequestContext) => T | Promise<T>): Promise<T> {
      const ctx: RequestContext = { requestId, startedAt: now(), cancelled: false };
      active.set(requestId, ctx);
      bus.on("shutdown", () => {
        ctx.cancelled = true;
      });
      const result = await handler(ctx);
      active.delete(requestId);
      history.push({ requestId, startedAt: ctx.startedAt, durationMs: now() - ctx.startedAt, ok: true });
      return result;
    },

    inFlight(): string[] {
      return [...active.keys()];
    },

    recent(): Completed[] {
      return history.slice(-historyLimit);
    },

    stats(): { inFlight: number; history: number } {
      return { inFlight: active.size, history: history.length };
    },
  };
}
