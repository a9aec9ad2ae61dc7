// Plausible but wrong: "best effort" — when a compensation is stuck it records the failure and
// carries on undoing the earlier steps anyway. The reverse order exists because later steps depend
// on earlier ones (refund before releasing the reservation it paid for); undoing an earlier step
// while a later one is still in effect can leave the system in a state no step ever produced.
export type SagaStep<R = unknown> = {
  name: string;
  action: () => Promise<R>;
  compensate?: (result: R) => Promise<void>;
};

export type SagaOutcome =
  | { status: "completed"; results: unknown[] }
  | { status: "compensated"; failedStep: string; error: unknown; compensated: string[] }
  | { status: "compensation-failed"; failedStep: string; error: unknown; compensated: string[]; stuckStep: string; compensationError: unknown };

export async function runSaga(steps: SagaStep[], { maxCompensationAttempts }: { maxCompensationAttempts: number }): Promise<SagaOutcome> {
  const done: Array<{ step: SagaStep; result: unknown }> = [];
  for (const step of steps) {
    let result: unknown;
    try {
      result = await step.action();
    } catch (error) {
      const compensated: string[] = [];
      let stuck: { stuckStep: string; compensationError: unknown } | null = null;
      for (const { step: prior, result: priorResult } of [...done].reverse()) {
        if (!prior.compensate) continue;
        let lastError: unknown;
        let ok = false;
        for (let n = 0; n < maxCompensationAttempts && !ok; n++) {
          try {
            await prior.compensate(priorResult);
            ok = true;
          } catch (e) {
            lastError = e;
          }
        }
        if (ok) compensated.push(prior.name);
        else if (!stuck) stuck = { stuckStep: prior.name, compensationError: lastError };
      }
      if (stuck) return { status: "compensation-failed", failedStep: step.name, error, compensated, ...stuck };
      return { status: "compensated", failedStep: step.name, error, compensated };
    }
    done.push({ step, result });
  }
  return { status: "completed", results: done.map((d) => d.result) };
}
