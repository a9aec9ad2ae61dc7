type Spec = { name: string; result: unknown; failActionOn?: number[]; failCompensateOn?: number[]; noCompensate?: boolean };

/**
 * Builds saga steps whose actions and compensations fail on chosen calls (1-based) through
 * t.faults.failOn (which throws synchronously). `log` records every call, including failing ones.
 */
function build(t: any, specs: Spec[]) {
  const log: string[] = [];
  const steps = specs.map((s) => {
    const action = t.faults.failOn(async () => s.result, s.failActionOn ?? [], `${s.name} failed`);
    const compensate = t.faults.failOn(async () => {}, s.failCompensateOn ?? [], `undo ${s.name} failed`);
    return {
      name: s.name,
      action: () => {
        log.push(s.name);
        return action();
      },
      ...(s.noCompensate
        ? {}
        : {
            compensate: (result: unknown) => {
              log.push(`undo ${s.name} ${JSON.stringify(result)}`);
              return compensate(result);
            },
          }),
    };
  });
  return { steps, log };
}

const message = (e: any) => String(e?.message ?? e);

test("runs every action in order and completes", async (t) => {
  const { steps, log } = build(t, [
    { name: "reserve-stock", result: { reservationId: "r-1" } },
    { name: "charge-card", result: { chargeId: "c-1" } },
    { name: "book-courier", result: { bookingId: "b-1" } },
  ]);
  const outcome = await t.exports.runSaga(steps, { maxCompensationAttempts: 3 });
  t.assert.equal(outcome.status, "completed", "status");
  t.assert.equal(outcome.results, [{ reservationId: "r-1" }, { chargeId: "c-1" }, { bookingId: "b-1" }], "results in step order");
  t.assert.equal(log, ["reserve-stock", "charge-card", "book-courier"], "calls");
});

test("compensates the completed steps in reverse order when an action fails", async (t) => {
  const { steps, log } = build(t, [
    { name: "reserve-stock", result: { reservationId: "r-1" } },
    { name: "charge-card", result: { chargeId: "c-1" } },
    { name: "book-courier", result: { bookingId: "b-1" }, failActionOn: [1] },
  ]);
  const outcome = await t.exports.runSaga(steps, { maxCompensationAttempts: 3 });
  t.assert.equal(
    log,
    ["reserve-stock", "charge-card", "book-courier", 'undo charge-card {"chargeId":"c-1"}', 'undo reserve-stock {"reservationId":"r-1"}'],
    "calls, with each compensation given its action's result",
  );
  t.assert.equal(outcome.status, "compensated", "status");
  t.assert.equal(outcome.failedStep, "book-courier", "failedStep");
  t.assert.ok(message(outcome.error).includes("book-courier failed"), "error is the failed action's error");
  t.assert.equal(outcome.compensated, ["charge-card", "reserve-stock"], "compensated");
});

test("retries a compensation that fails, until it succeeds", async (t) => {
  const { steps, log } = build(t, [
    { name: "reserve-stock", result: { reservationId: "r-1" } },
    { name: "charge-card", result: { chargeId: "c-1" }, failCompensateOn: [1] },
    { name: "book-courier", result: { bookingId: "b-1" }, failActionOn: [1] },
  ]);
  const outcome = await t.exports.runSaga(steps, { maxCompensationAttempts: 3 });
  t.assert.equal(log.filter((l) => l.startsWith("undo charge-card")).length, 2, "refund attempts (the first fails)");
  t.assert.equal(outcome.status, "compensated", "status");
  t.assert.equal(outcome.compensated, ["charge-card", "reserve-stock"], "compensated");
});
