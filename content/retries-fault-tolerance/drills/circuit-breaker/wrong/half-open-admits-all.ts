// Plausible but wrong: once the cool-down has elapsed it lets EVERY call through until the first
// result comes back, so a recovering dependency receives the whole backlog at once instead of a
// single probe. This is the "half-open flood" that knocks a service straight back over.
export type BreakerState = "closed" | "open" | "half-open";

export class CircuitOpenError extends Error {
  name = "CircuitOpenError";
}

export function createBreaker({ failureThreshold, coolDownMs, now }: { failureThreshold: number; coolDownMs: number; now: () => number }) {
  let state: BreakerState = "closed";
  let failures = 0;
  let openedAt = 0;
  return {
    async call<T>(fn: () => Promise<T>): Promise<T> {
      if (state === "open") {
        if (now() - openedAt < coolDownMs) throw new CircuitOpenError("open");
        state = "half-open";
      }
      const admittedIn = state;
      try {
        const value = await fn();
        if (state === admittedIn) {
          state = "closed";
          failures = 0;
        }
        return value;
      } catch (error) {
        if (state === admittedIn) {
          if (state === "half-open" || ++failures >= failureThreshold) {
            state = "open";
            openedAt = now();
          }
        }
        throw error;
      }
    },
    state: (): BreakerState => state,
  };
}
