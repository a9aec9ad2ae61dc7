export type SagaStep<R = unknown> = {
  name: string;
  action: () => Promise<R>;
  compensate?: (result: R) => Promise<void>;
};

export type SagaOutcome =
  | { status: "completed"; results: unknown[] }
  | { status: "compensated"; failedStep: string; error: unknown; compensated: string[] }
  | {
      status: "compensation-failed";
      failedStep: string;
      error: unknown;
      compensated: string[];
      stuckStep: string;
      compensationError: unknown;
    };

export type SagaOptions = {
  maxCompensationAttempts: number;
};

type Attempt = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Awaits fn() inside try, so a synchronous throw is caught like a rejection. */
async function attempt(fn: () => unknown): Promise<Attempt> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

export async function runSaga(steps: SagaStep[], { maxCompensationAttempts }: SagaOptions): Promise<SagaOutcome> {
  const done: Array<{ step: SagaStep; result: unknown }> = [];

  for (const step of steps) {
    const r = await attempt(() => step.action());
    if (r.ok) {
      done.push({ step, result: r.value });
      continue;
    }

    // Step `step` failed and had no effect: undo the completed ones, newest first.
    const compensated: string[] = [];
    for (let i = done.length - 1; i >= 0; i--) {
      const { step: prior, result } = done[i]!;
      const compensate = prior.compensate;
      if (!compensate) continue;
      let last: Attempt = { ok: false, error: undefined };
      for (let n = 0; n < maxCompensationAttempts; n++) {
        last = await attempt(() => compensate(result));
        if (last.ok) break;
      }
      if (!last.ok) {
        // Stop here: earlier steps stay in effect until someone resolves this one.
        return {
          status: "compensation-failed",
          failedStep: step.name,
          error: r.error,
          compensated,
          stuckStep: prior.name,
          compensationError: last.error,
        };
      }
      compensated.push(prior.name);
    }
    return { status: "compensated", failedStep: step.name, error: r.error, compensated };
  }

  return { status: "completed", results: done.map((d) => d.result) };
}
