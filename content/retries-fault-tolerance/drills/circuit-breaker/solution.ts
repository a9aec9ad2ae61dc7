export type BreakerState = "closed" | "open" | "half-open";

export class CircuitOpenError extends Error {
  name = "CircuitOpenError";
  constructor(message = "circuit breaker is open") {
    super(message);
  }
}

export type BreakerOptions = {
  failureThreshold: number;
  coolDownMs: number;
  now: () => number;
};

export function createBreaker({ failureThreshold, coolDownMs, now }: BreakerOptions) {
  let state: BreakerState = "closed";
  let failures = 0;
  let openedAt = 0;
  // Bumped on every state change: an outcome from an older phase is stale and ignored.
  let phase = 0;

  const enter = (next: BreakerState) => {
    state = next;
    phase++;
    if (next === "open") openedAt = now();
    if (next === "closed") failures = 0;
  };

  const onSuccess = () => {
    if (state === "half-open") enter("closed");
    else failures = 0;
  };

  const onFailure = () => {
    if (state === "half-open") enter("open");
    else if (++failures >= failureThreshold) enter("open");
  };

  return {
    async call<T>(fn: () => Promise<T>): Promise<T> {
      if (state === "open") {
        if (now() - openedAt < coolDownMs) throw new CircuitOpenError();
        enter("half-open"); // this call is the trial; it must be marked before anything awaits
      } else if (state === "half-open") {
        throw new CircuitOpenError("circuit breaker is half-open: a trial call is in flight");
      }
      const admittedIn = phase;
      try {
        const value = await fn();
        if (phase === admittedIn) onSuccess();
        return value;
      } catch (error) {
        if (phase === admittedIn) onFailure();
        throw error;
      }
    },
    state(): BreakerState {
      return state;
    },
  };
}
