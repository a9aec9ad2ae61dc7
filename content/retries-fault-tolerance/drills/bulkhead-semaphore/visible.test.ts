/** Records how a promise settles, without awaiting it (time only moves when the test advances it). */
function settle(p: Promise<unknown>) {
  const out: { status: string; value?: unknown; reason?: unknown } = { status: "pending" };
  p.then(
    (value) => Object.assign(out, { status: "fulfilled", value }),
    (reason) => Object.assign(out, { status: "rejected", reason }),
  );
  return out;
}

test("runs up to maxConcurrent tasks at once and queues the rest", async (t) => {
  const bulkhead = t.exports.createBulkhead({ maxConcurrent: 2, maxQueue: 5 });
  const started: string[] = [];
  const task = (name: string, ms: number) => async () => {
    started.push(name);
    await t.clock.sleep(ms);
    return name.toUpperCase();
  };
  const a = settle(bulkhead.run(task("a", 100)));
  settle(bulkhead.run(task("b", 300)));
  const c = settle(bulkhead.run(task("c", 100)));
  t.assert.equal(started, ["a", "b"], "tasks started right away");
  t.assert.equal([bulkhead.running(), bulkhead.queued()], [2, 1], "[running, queued] after three calls");
  await t.clock.advance(100);
  t.assert.equal(a.value, "A", "a's caller gets a's value");
  t.assert.equal(started, ["a", "b", "c"], "c starts when a finishes");
  await t.clock.advance(100);
  t.assert.equal(c.value, "C", "c's caller gets c's value");
  t.assert.equal([bulkhead.running(), bulkhead.queued()], [1, 0], "[running, queued] with only b left");
});

test("rejects at once when every permit is busy and the queue is full", async (t) => {
  const bulkhead = t.exports.createBulkhead({ maxConcurrent: 1, maxQueue: 1 });
  settle(bulkhead.run(() => t.clock.sleep(100)));
  settle(bulkhead.run(() => t.clock.sleep(100)));
  let called = false;
  const third = settle(
    bulkhead.run(async () => {
      called = true;
    }),
  );
  await t.clock.advance(0);
  t.assert.equal(third.status, "rejected", "the third call is refused without waiting");
  t.assert.ok(third.reason instanceof t.exports.BulkheadFullError, "with a BulkheadFullError");
  t.assert.equal(called, false, "its task is never called");
});

test("queued calls start in arrival order", async (t) => {
  const bulkhead = t.exports.createBulkhead({ maxConcurrent: 1, maxQueue: 5 });
  const started: string[] = [];
  for (const name of ["a", "b", "c", "d"]) {
    settle(
      bulkhead.run(async () => {
        started.push(name);
        await t.clock.sleep(10);
      }),
    );
  }
  await t.clock.advance(100);
  t.assert.equal(started, ["a", "b", "c", "d"], "start order");
  t.assert.equal([bulkhead.running(), bulkhead.queued()], [0, 0], "[running, queued] once all finished");
});
