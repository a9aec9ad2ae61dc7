type Spec = { name: string; result: unknown; failActionOn?: number[]; failCompensateOn?: number[]; noCompensate?: boolean };

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
const count = (log: string[], prefix: string) => log.filter((l) => l.startsWith(prefix)).length;
const ALWAYS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

test("bounded compensation attempts", { category: "makes at most maxCompensationAttempts attempts per compensation" }, async (t) => {
  for (const max of [3, 1]) {
    const { steps, log } = build(t, [
      { name: "reserve-stock", result: { reservationId: "r-1" } },
      { name: "charge-card", result: { chargeId: "c-1" }, failCompensateOn: ALWAYS },
      { name: "book-courier", result: { bookingId: "b-1" }, failActionOn: [1] },
    ]);
    const outcome = await t.exports.runSaga(steps, { maxCompensationAttempts: max });
    t.assert.equal(count(log, "undo charge-card"), max, `refund attempts with maxCompensationAttempts ${max}`);
    t.assert.equal(outcome.status, "compensation-failed", `status with maxCompensationAttempts ${max}`);
    t.assert.equal(outcome.stuckStep, "charge-card", `stuckStep with maxCompensationAttempts ${max}`);
  }
});

test("a stuck compensation halts the rollback", { category: "stops at a stuck compensation and leaves earlier steps in place" }, async (t) => {
  const { steps, log } = build(t, [
    { name: "reserve-stock", result: { reservationId: "r-1" } },
    { name: "charge-card", result: { chargeId: "c-1" }, failCompensateOn: ALWAYS },
    { name: "book-courier", result: { bookingId: "b-1" } },
    { name: "send-confirmation", result: "sent", failActionOn: [1] },
  ]);
  const outcome = await t.exports.runSaga(steps, { maxCompensationAttempts: 2 });
  t.assert.equal(count(log, "undo reserve-stock"), 0, "the reservation is not released while the charge is still in place");
  t.assert.equal(outcome.status, "compensation-failed", "status");
  t.assert.equal(outcome.failedStep, "send-confirmation", "failedStep");
  t.assert.equal(outcome.stuckStep, "charge-card", "stuckStep");
  t.assert.equal(outcome.compensated, ["book-courier"], "compensated before getting stuck");
});

test("the outcome carries the right errors", { category: "reports the failed action's error and the last compensation error" }, async (t) => {
  const declined = new Error("courier unavailable");
  let refunds = 0;
  const steps = [
    { name: "charge-card", action: async () => ({ chargeId: "c-9" }), compensate: async () => {
      refunds++;
      throw new Error(`refund failed #${refunds}`);
    } },
    { name: "book-courier", action: async () => {
      throw declined;
    } },
  ];
  const outcome = await t.exports.runSaga(steps, { maxCompensationAttempts: 3 });
  t.assert.ok(outcome.error === declined, "error is the very error the action threw");
  t.assert.equal(outcome.failedStep, "book-courier", "failedStep");
  t.assert.equal(message(outcome.compensationError), "refund failed #3", "compensationError is the last attempt's error");
  t.assert.equal(outcome.compensated, [], "compensated");
});

test("compensations get their own action's result", { category: "passes each action's own result to its compensation" }, async (t) => {
  const results = [{ reservationId: "r-7" }, { chargeId: "c-7" }];
  const received: unknown[] = [];
  const steps = [
    { name: "reserve-stock", action: async () => results[0], compensate: async (r: unknown) => void received.push(r) },
    { name: "charge-card", action: async () => results[1], compensate: async (r: unknown) => void received.push(r) },
    { name: "book-courier", action: async () => Promise.reject(new Error("no courier")) },
  ];
  await t.exports.runSaga(steps, { maxCompensationAttempts: 1 });
  t.assert.equal(received.length, 2, "compensations called");
  t.assert.ok(received[0] === results[1], "the refund gets the charge's result object");
  t.assert.ok(received[1] === results[0], "the release gets the reservation's result object");
});

test("the failing step itself is not undone", { category: "does not compensate the step whose action failed" }, async (t) => {
  const { steps, log } = build(t, [
    { name: "reserve-stock", result: { reservationId: "r-1" } },
    { name: "charge-card", result: { chargeId: "c-1" }, failActionOn: [1] },
  ]);
  const outcome = await t.exports.runSaga(steps, { maxCompensationAttempts: 3 });
  t.assert.equal(count(log, "undo charge-card"), 0, "compensations of the failed step");
  t.assert.equal(outcome.compensated, ["reserve-stock"], "compensated");
});

test("steps without a compensation are skipped", { category: "skips steps that have nothing to undo" }, async (t) => {
  const { steps, log } = build(t, [
    { name: "reserve-stock", result: { reservationId: "r-1" } },
    { name: "validate-address", result: true, noCompensate: true },
    { name: "charge-card", result: { chargeId: "c-1" } },
    { name: "book-courier", result: { bookingId: "b-1" }, failActionOn: [1] },
  ]);
  const outcome = await t.exports.runSaga(steps, { maxCompensationAttempts: 3 });
  t.assert.equal(outcome.status, "compensated", "status");
  t.assert.equal(outcome.compensated, ["charge-card", "reserve-stock"], "compensated");
  t.assert.equal(count(log, "undo reserve-stock"), 1, "the step before the skipped one is still compensated");
});

test("async rejections count like synchronous throws", { category: "treats rejected promises and synchronous throws alike" }, async (t) => {
  let releases = 0;
  const steps = [
    { name: "reserve-stock", action: async () => "r-1", compensate: async () => {
      releases++;
      if (releases === 1) await Promise.reject(new Error("inventory busy"));
    } },
    { name: "charge-card", action: () => Promise.reject(new Error("card declined")) },
  ];
  const outcome = await t.exports.runSaga(steps, { maxCompensationAttempts: 2 });
  t.assert.equal(outcome.status, "compensated", "status");
  t.assert.equal(message(outcome.error), "card declined", "error");
  t.assert.equal(releases, 2, "release attempts (the first rejects)");
});

test("a failing first step leaves nothing to undo", { category: "compensates nothing when the first step fails" }, async (t) => {
  const { steps, log } = build(t, [
    { name: "reserve-stock", result: { reservationId: "r-1" }, failActionOn: [1] },
    { name: "charge-card", result: { chargeId: "c-1" } },
  ]);
  const outcome = await t.exports.runSaga(steps, { maxCompensationAttempts: 3 });
  t.assert.equal(log, ["reserve-stock"], "calls");
  t.assert.equal(outcome.status, "compensated", "status");
  t.assert.equal(outcome.failedStep, "reserve-stock", "failedStep");
  t.assert.equal(outcome.compensated, [], "compensated");
});

test("no action runs after a failure", { category: "runs no action after the first failure" }, async (t) => {
  const { steps, log } = build(t, [
    { name: "reserve-stock", result: { reservationId: "r-1" } },
    { name: "charge-card", result: { chargeId: "c-1" }, failActionOn: [1] },
    { name: "book-courier", result: { bookingId: "b-1" } },
    { name: "send-confirmation", result: "sent" },
  ]);
  await t.exports.runSaga(steps, { maxCompensationAttempts: 3 });
  t.assert.equal(count(log, "book-courier") + count(log, "send-confirmation"), 0, "actions called after charge-card failed");
});

test("one step at a time", { category: "runs actions one at a time, in order" }, async (t) => {
  const started: string[] = [];
  const step = (name: string, ms: number) => ({
    name,
    action: async () => {
      started.push(name);
      await t.clock.sleep(ms);
      return name;
    },
  });
  let outcome: any;
  t.exports.runSaga([step("a", 100), step("b", 100), step("c", 100)], { maxCompensationAttempts: 1 }).then((o: unknown) => (outcome = o));
  await t.clock.advance(50);
  t.assert.equal(started, ["a"], "started after 50 ms");
  await t.clock.advance(100);
  t.assert.equal(started, ["a", "b"], "started after 150 ms");
  await t.clock.advance(200);
  t.assert.equal(outcome?.results, ["a", "b", "c"], "results after 350 ms");
});
