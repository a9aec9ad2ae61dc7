// Plausible but wrong: reads maxCompensationAttempts as "retries after the first attempt", so a
// compensation that keeps failing is called one time too many. Off-by-one retry limits multiply
// load on a struggling dependency in exactly the situation they are meant to protect.
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
      for (const { step: prior, result: priorResult } of [...done].reverse()) {
        if (!prior.compensate) continue;
        let lastError: unknown;
        let ok = false;
        for (let retry = 0; retry <= maxCompensationAttempts && !ok; retry++) {
          try {
            await prior.compensate(priorResult);
            ok = true;
          } catch (e) {
            lastError = e;
          }
        }
        if (!ok) {
          return { status: "compensation-failed", failedStep: step.name, error, compensated, stuckStep: prior.name, compensationError: lastError };
        }
        compensated.push(prior.name);
      }
      return { status: "compensated", failedStep: step.name, error, compensated };
    }
    done.push({ step, result });
  }
  return { status: "completed", results: done.map((d) => d.result) };
}
