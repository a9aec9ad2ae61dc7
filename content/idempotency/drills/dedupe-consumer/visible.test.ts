// A handler whose effect is appending the message id to a ledger.
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

test("duplicates in the stream are processed once per id", async (t) => {
  const h = makeHandler(t);
  const consumer = t.exports.createDedupeConsumer({ handler: h.fn, now: t.clock.now, retentionMs: 60_000 });
  const deliveries = t.faults.duplicate([msg("m1"), msg("m2"), msg("m3")], 2); // m1, m1, m2, m2, m3, m3
  const results: string[] = [];
  for (const m of deliveries) results.push(await consumer.handle(m));
  t.assert.equal(results, ["processed", "duplicate", "processed", "duplicate", "processed", "duplicate"], "results for m1, m1, m2, m2, m3, m3");
  t.assert.equal(h.effects, ["m1", "m2", "m3"], "effects applied");
});

test("an id is forgotten once the retention window has passed", async (t) => {
  const h = makeHandler(t);
  const consumer = t.exports.createDedupeConsumer({ handler: h.fn, now: t.clock.now, retentionMs: 10_000 });
  t.assert.equal(await consumer.handle(msg("m1")), "processed", "first delivery");
  await t.clock.advance(9_999);
  t.assert.equal(await consumer.handle(msg("m1")), "duplicate", "redelivery after 9,999 ms");
  await t.clock.advance(1);
  t.assert.equal(await consumer.handle(msg("m1")), "processed", "redelivery after 10,000 ms");
  t.assert.equal(h.calls, 2, "handler calls");
});

test("size() counts the ids remembered now", async (t) => {
  const h = makeHandler(t);
  const consumer = t.exports.createDedupeConsumer({ handler: h.fn, now: t.clock.now, retentionMs: 5_000 });
  await consumer.handle(msg("a"));
  await consumer.handle(msg("b"));
  await t.clock.advance(3_000);
  await consumer.handle(msg("c"));
  t.assert.equal(consumer.size(), 3, "after a, b and c");
  await t.clock.advance(2_000);
  t.assert.equal(consumer.size(), 1, "5 s after a and b, 2 s after c");
  await t.clock.advance(3_000);
  t.assert.equal(consumer.size(), 0, "everything expired");
});
