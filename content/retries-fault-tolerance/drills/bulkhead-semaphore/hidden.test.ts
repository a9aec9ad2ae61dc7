function settle(p: Promise<unknown>) {
  const out: { status: string; value?: unknown; reason?: unknown } = { status: "pending" };
  p.then(
    (value) => Object.assign(out, { status: "fulfilled", value }),
    (reason) => Object.assign(out, { status: "rejected", reason }),
  );
  return out;
}

/**
 * Eight callers; five arrive at scheduler-chosen moments while earlier tasks finish. Each task
 * works across two yield points. Returns what the bulkhead did.
 */
async function contended(t: any, seed: number) {
  const bulkhead = t.exports.createBulkhead({ maxConcurrent: 2, maxQueue: 2 });
  let active = 0;
  let maxActive = 0;
  let maxQueued = 0;
  const arrived: number[] = [];
  const refused: number[] = [];
  const started: number[] = [];
  const tasks = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => async () => {
    if (i >= 3) await t.point(`caller ${i} arrives`);
    arrived.push(i);
    const p = bulkhead.run(async () => {
      started.push(i);
      active++;
      maxActive = Math.max(maxActive, active);
      await t.point(`task ${i} works`);
      await t.point(`task ${i} replies`);
      active--;
      return i;
    });
    maxQueued = Math.max(maxQueued, bulkhead.queued());
    try {
      return await p;
    } catch (e) {
      if (!(e instanceof t.exports.BulkheadFullError)) throw e;
      refused.push(i);
      return "full";
    }
  });
  const { results } = await t.concurrently(tasks, { seed });
  const accepted = arrived.filter((i) => refused.indexOf(i) === -1);
  return { bulkhead, results, maxActive, maxQueued, accepted, refused, started };
}

test("never more than maxConcurrent under contention", { category: "never runs more than maxConcurrent tasks at once" }, async (t) => {
  for (const seed of [3, 11, 29, 58]) {
    const r = await contended(t, seed);
    t.assert.atMost(r.maxActive, 2, `most tasks running at once (seed ${seed})`);
    t.assert.atMost(r.maxQueued, 2, `most calls waiting at once (seed ${seed})`);
    t.assert.ok(
      r.results.every((x: any) => x.status === "fulfilled"),
      `every caller got its task's value or a BulkheadFullError (seed ${seed})`,
    );
    t.assert.equal([r.bulkhead.running(), r.bulkhead.queued()], [0, 0], `[running, queued] at the end (seed ${seed})`);
  }
});

test("accepted calls start in the order they arrived", { category: "starts queued calls in arrival order (FIFO)" }, async (t) => {
  for (const seed of [3, 11, 29, 58]) {
    const r = await contended(t, seed);
    t.assert.equal(r.started, r.accepted, `start order vs arrival order of the accepted calls (seed ${seed})`);
  }
});

test("a released permit goes to the oldest waiter, not a newcomer", { category: "hands a released permit to the oldest waiter (no barging)" }, async (t) => {
  const bulkhead = t.exports.createBulkhead({ maxConcurrent: 1, maxQueue: 5 });
  const started: string[] = [];
  let finishA: (v: string) => void = () => {};
  const a = new Promise<string>((resolve) => (finishA = resolve));
  bulkhead.run(() => {
    started.push("a");
    return a;
  });
  settle(
    bulkhead.run(async () => {
      started.push("b");
      await t.clock.sleep(100);
    }),
  );
  // "c" arrives in the same instant "a" finishes.
  a.then(() => {
    settle(
      bulkhead.run(async () => {
        started.push("c");
      }),
    );
  });
  finishA("done");
  await t.clock.advance(0);
  t.assert.equal(started, ["a", "b"], "b, which was waiting, starts; c does not jump the queue");
  t.assert.equal([bulkhead.running(), bulkhead.queued()], [1, 1], "[running, queued] while b runs");
  await t.clock.advance(100);
  t.assert.equal(started, ["a", "b", "c"], "c starts after b");
});

test("a failed task gives its permit back", { category: "releases the permit when a task fails" }, async (t) => {
  const bulkhead = t.exports.createBulkhead({ maxConcurrent: 1, maxQueue: 1 });
  const failing = settle(
    bulkhead.run(async () => {
      await t.clock.sleep(10);
      throw new Error("recs timed out");
    }),
  );
  const next = settle(bulkhead.run(async () => "next"));
  await t.clock.advance(10);
  t.assert.equal((failing.reason as Error)?.message, "recs timed out", "the failing call rejects with its own error");
  t.assert.equal(next.value, "next", "the queued call ran after the failure");
  t.assert.equal([bulkhead.running(), bulkhead.queued()], [0, 0], "[running, queued] afterwards");
  const later = settle(bulkhead.run(async () => "later"));
  await t.clock.advance(0);
  t.assert.equal(later.value, "later", "a later call still gets a permit");
});

test("a synchronous throw is a failure that frees the permit", { category: "treats a synchronous throw as a failure and releases the permit" }, async (t) => {
  const bulkhead = t.exports.createBulkhead({ maxConcurrent: 1, maxQueue: 0 });
  let threw = false;
  let p: Promise<unknown> = Promise.resolve();
  try {
    p = bulkhead.run(() => {
      throw new Error("bad request");
    });
  } catch {
    threw = true;
  }
  t.assert.equal(threw, false, "run returns a rejected promise instead of throwing");
  const out = settle(p);
  await t.clock.advance(0);
  t.assert.equal((out.reason as Error)?.message, "bad request", "rejects with the task's error");
  t.assert.equal(bulkhead.running(), 0, "no permit held afterwards");
  const next = settle(bulkhead.run(async () => "ok"));
  await t.clock.advance(0);
  t.assert.equal(next.value, "ok", "the permit is available again");
});

test("maxQueue 0 refuses whenever every permit is busy", { category: "with maxQueue 0, rejects whenever every permit is busy" }, async (t) => {
  const bulkhead = t.exports.createBulkhead({ maxConcurrent: 2, maxQueue: 0 });
  settle(bulkhead.run(() => t.clock.sleep(50)));
  settle(bulkhead.run(() => t.clock.sleep(50)));
  const third = settle(bulkhead.run(async () => "third"));
  await t.clock.advance(0);
  t.assert.ok(third.reason instanceof t.exports.BulkheadFullError, "the third call is refused");
  t.assert.equal(bulkhead.queued(), 0, "nothing is queued");
  await t.clock.advance(50);
  const fourth = settle(bulkhead.run(async () => "fourth"));
  await t.clock.advance(0);
  t.assert.equal(fourth.value, "fourth", "a call after the permits are free runs");
});

test("refused calls leave no trace", { category: "a rejected call takes no permit and no queue slot" }, async (t) => {
  const bulkhead = t.exports.createBulkhead({ maxConcurrent: 1, maxQueue: 1 });
  const started: string[] = [];
  const task = (name: string) => async () => {
    started.push(name);
    await t.clock.sleep(10);
    return name;
  };
  const outs = ["a", "b", "c", "d", "e"].map((n) => settle(bulkhead.run(task(n))));
  await t.clock.advance(0);
  t.assert.equal(outs.map((o) => o.status), ["pending", "pending", "rejected", "rejected", "rejected"], "status of each call");
  t.assert.equal([bulkhead.running(), bulkhead.queued()], [1, 1], "[running, queued] after the refusals");
  await t.clock.advance(20);
  t.assert.equal(started, ["a", "b"], "only accepted tasks ran");
  t.assert.equal([bulkhead.running(), bulkhead.queued()], [0, 0], "[running, queued] at the end");
});

test("each caller gets its own task's outcome", { category: "settles each caller with its own task's outcome" }, async (t) => {
  const bulkhead = t.exports.createBulkhead({ maxConcurrent: 1, maxQueue: 3 });
  const a = settle(bulkhead.run(() => t.clock.sleep(10).then(() => "A")));
  const b = settle(
    bulkhead.run(async () => {
      await t.clock.sleep(10);
      throw new Error("B failed");
    }),
  );
  const c = settle(bulkhead.run(() => t.clock.sleep(10).then(() => "C")));
  await t.clock.advance(30);
  t.assert.equal(a.value, "A", "first caller");
  t.assert.equal((b.reason as Error)?.message, "B failed", "second caller (queued, failed)");
  t.assert.equal(c.value, "C", "third caller (queued behind a failure)");
});
