// Plausible but wrong: counts every failure since the breaker last closed instead of consecutive
// failures — a success never resets the count — so a healthy dependency with occasional errors
// eventually trips the breaker and takes itself out of service.
export type BreakerState = "closed" | "open" | "half-open";

export class CircuitOpenError extends Error {
  name = "CircuitOpenError";
}

export function createBreaker({ failureThreshold, coolDownMs, now }: { failureThreshold: number; coolDownMs: number; now: () => number }) {
  let state: BreakerState = "closed";
  let failures = 0;
  let openedAt = 0;
  let phase = 0;
  const enter = (next: BreakerState) => {
    state = next;
    phase++;
    if (next === "open") openedAt = now();
    if (next === "closed") failures = 0;
  };
  return {
    async call<T>(fn: () => Promise<T>): Promise<T> {
      if (state === "open") {
        if (now() - openedAt < coolDownMs) throw new CircuitOpenError("open");
        enter("half-open");
      } else if (state === "half-open") {
        throw new CircuitOpenError("trial in flight");
      }
      const admittedIn = phase;
      try {
        const value = await fn();
        if (phase === admittedIn && state === "half-open") enter("closed");
        return value;
      } catch (error) {
        if (phase === admittedIn) {
          if (state === "half-open" || ++failures >= failureThreshold) enter("open");
        }
        throw error;
      }
    },
    state: (): BreakerState => state,
  };
}
