export type SagaStep<R = unknown> = {
  name: string;
  action: () => Promise<R>;
  /** Undoes a completed action. Optional: a step without it has nothing to undo. */
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
  /** Total attempts per compensation, including the first (≥ 1). */
  maxCompensationAttempts: number;
};

export async function runSaga(steps: SagaStep[], options: SagaOptions): Promise<SagaOutcome> {
  // Your code here
  const results: unknown[] = [];
  for (const step of steps) results.push(await step.action());
  return { status: "completed", results };
}
