function makeHandler(t: any) {
  const h = {
    calls: 0,
    effects: [] as string[],
    fn: async (m: { id: string; body: string }) => {
      h.calls++;
      await t.point("handler.work");
      h.effects.push(m.id);
    },
  };
  return h;
}
const msg = (id: string) => ({ id, body: `payload of ${id}` });
const outcomes = (results: any[]) => results.map((r) => (r.status === "fulfilled" ? r.value : `rejected: ${r.reason?.message}`));

test("copies delivered concurrently run the handler once", { category: "processes a message once when copies arrive concurrently" }, async (t) => {
  for (const seed of [1, 2, 3]) {
    const h = makeHandler(t);
    const consumer = t.exports.createDedupeConsumer({ handler: h.fn, now: t.clock.now, retentionMs: 60_000 });
    const { results } = await t.concurrently([() => consumer.handle(msg("m1")), () => consumer.handle(msg("m1")), () => consumer.handle(msg("m2"))], { seed });
    t.assert.equal(h.effects.slice().sort(), ["m1", "m2"], `effects (seed ${seed})`);
    t.assert.equal(outcomes(results.slice(0, 2)).sort(), ["duplicate", "processed"], `outcomes of the two copies of m1 (seed ${seed})`);
  }
});

test("a copy waiting on a failing delivery fails with it", { category: "shares the outcome of an in-flight delivery with its copies" }, async (t) => {
  let calls = 0;
  const effects: string[] = [];
  const handler = async (m: { id: string }) => {
    const n = ++calls;
    await t.point("handler.work");
    if (n === 1) throw new Error("ledger unavailable");
    effects.push(m.id);
  };
  const consumer = t.exports.createDedupeConsumer({ handler, now: t.clock.now, retentionMs: 60_000 });
  const { results } = await t.concurrently([() => consumer.handle(msg("m1")), () => consumer.handle(msg("m1"))], { seed: 2 });
  t.assert.equal(outcomes(results), ["rejected: ledger unavailable", "rejected: ledger unavailable"], "both copies of the failed delivery");
  t.assert.equal(calls, 1, "handler calls while the first delivery was in flight");
  t.assert.equal(await consumer.handle(msg("m1")), "processed", "the broker's redelivery");
  t.assert.equal(effects, ["m1"], "effects");
});

test("a failed handler does not mark the message processed", { category: "does not mark a message processed when its handler throws" }, async (t) => {
  const h = makeHandler(t);
  const flaky = t.faults.failOn(h.fn, [1], "deadlock detected");
  let thrown: unknown = null;
  const handler = async (m: any) => {
    try {
      return await flaky(m);
    } catch (e) {
      thrown = e;
      throw e;
    }
  };
  const consumer = t.exports.createDedupeConsumer({ handler, now: t.clock.now, retentionMs: 60_000 });
  let caught: unknown = null;
  try {
    await consumer.handle(msg("m1"));
  } catch (e) {
    caught = e;
  }
  t.assert.ok(thrown !== null && caught === thrown, "handle rejects with the handler's error object");
  t.assert.equal(consumer.size(), 0, "ids remembered after the failure");
  t.assert.equal(await consumer.handle(msg("m1")), "processed", "the redelivery");
  t.assert.equal(await consumer.handle(msg("m1")), "duplicate", "a later copy");
  t.assert.equal(h.effects, ["m1"], "effects");
});

test("each effect happens exactly once across duplicates and redeliveries", { category: "does not mark a message processed when its handler throws" }, async (t) => {
  const h = makeHandler(t);
  const flaky = t.faults.failOn(h.fn, [2, 3, 6], "transient");
  const consumer = t.exports.createDedupeConsumer({ handler: async (m: any) => flaky(m), now: t.clock.now, retentionMs: 60_000 });
  // A broker: every message twice, and a failed delivery goes to the back of the queue.
  const queue = t.faults.duplicate(["a", "b", "c", "d"].map(msg), 2);
  let deliveries = 0;
  while (queue.length && deliveries < 50) {
    const m = queue.shift()!;
    deliveries++;
    try {
      await consumer.handle(m);
    } catch {
      queue.push(m);
    }
    await t.clock.advance(100);
  }
  t.assert.equal(queue.length, 0, "every delivery was eventually acknowledged");
  t.assert.equal(h.effects.slice().sort(), ["a", "b", "c", "d"], "effects applied");
});

test("retention starts when the handler finishes", { category: "starts the retention window when processing finishes" }, async (t) => {
  let calls = 0;
  const handler = async () => {
    if (calls++ === 0) await t.clock.sleep(3_000); // the first run is slow
  };
  const consumer = t.exports.createDedupeConsumer({ handler, now: t.clock.now, retentionMs: 10_000 });
  const first = consumer.handle(msg("m1"));
  await t.clock.advance(3_000);
  t.assert.equal(await first, "processed", "first delivery");
  await t.clock.advance(9_999); // 12,999 ms after it started, 9,999 ms after it finished
  t.assert.equal(await consumer.handle(msg("m1")), "duplicate", "9,999 ms after processing finished");
});

test("a duplicate does not extend retention", { category: "does not extend retention on a duplicate" }, async (t) => {
  const h = makeHandler(t);
  const consumer = t.exports.createDedupeConsumer({ handler: h.fn, now: t.clock.now, retentionMs: 10_000 });
  await consumer.handle(msg("m1"));
  await t.clock.advance(6_000);
  t.assert.equal(await consumer.handle(msg("m1")), "duplicate", "after 6 s");
  await t.clock.advance(4_000);
  t.assert.equal(await consumer.handle(msg("m1")), "processed", "10 s after processing, 4 s after the duplicate");
});

test("memory stays bounded by the retention window", { category: "forgets ids after the retention window (bounded memory)" }, async (t) => {
  const h = makeHandler(t);
  const consumer = t.exports.createDedupeConsumer({ handler: h.fn, now: t.clock.now, retentionMs: 1_000 });
  let largest = 0;
  for (let i = 0; i < 300; i++) {
    await consumer.handle(msg(`m${i}`));
    largest = Math.max(largest, consumer.size());
    await t.clock.advance(100);
  }
  t.assert.equal(largest, 10, "most ids remembered at once (one message every 100 ms, 1 s retention)");
  t.assert.equal(await consumer.handle(msg("m0")), "processed", "an id from long ago is handled as new");
  t.assert.equal(await consumer.handle(msg("m299")), "duplicate", "the most recent id is still remembered");
});
