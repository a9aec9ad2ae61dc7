export type BreakerState = "closed" | "open" | "half-open";

export class CircuitOpenError extends Error {
  name = "CircuitOpenError";
}

export type BreakerOptions = {
  /** Consecutive failures that open the breaker (≥ 1). */
  failureThreshold: number;
  /** How long the breaker stays open before one trial call is allowed. */
  coolDownMs: number;
  /** Current time in milliseconds. */
  now: () => number;
};

export function createBreaker(options: BreakerOptions) {
  return {
    async call<T>(fn: () => Promise<T>): Promise<T> {
      // Your code here
      return fn();
    },
    state(): BreakerState {
      // Your code here
      return "closed";
    },
  };
}
