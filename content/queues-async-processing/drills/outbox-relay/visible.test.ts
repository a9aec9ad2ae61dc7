// A fake outbox table: rows get ids 1, 2, 3… in the order given.
function makeOutbox(t: any, rows: Array<[aggregateId: string, payload: string]>) {
  const table = rows.map(([aggregateId, payload], i) => ({ id: i + 1, aggregateId, payload, sent: false }));
  return {
    table,
    fetches: [] as number[],
    async fetchUnsent(limit: number) {
      this.fetches.push(limit);
      await t.point("outbox.fetchUnsent");
      return table
        .filter((r) => !r.sent)
        .slice(0, limit)
        .map(({ id, aggregateId, payload }) => ({ id, aggregateId, payload }));
    },
    async markSent(id: number) {
      await t.point("outbox.markSent");
      const row = table.find((r) => r.id === id);
      if (row) row.sent = true;
    },
    unsent: () => table.filter((r) => !r.sent).map((r) => r.id),
  };
}

// A fake broker that records every message it accepted.
function makeBroker(t: any) {
  const log: Array<{ messageId: number; key: string; payload: string }> = [];
  return {
    log,
    ids: () => log.map((m) => m.messageId),
    async publish(message: { messageId: number; key: string; payload: string }) {
      await t.point("broker.publish");
      log.push({ ...message });
    },
  };
}

test("publishes unsent rows in id order and marks each one sent", async (t) => {
  const store = makeOutbox(t, [["order-7", "OrderPlaced"], ["order-9", "OrderPlaced"], ["order-7", "OrderPaid"]]);
  const broker = makeBroker(t);
  const relay = t.exports.createOutboxRelay({ store, broker, batchSize: 10 });
  const report = await relay.relayOnce();
  t.assert.equal(report, { published: [1, 2, 3], failed: [], skipped: [] }, "report of the first pass");
  t.assert.equal(
    broker.log,
    [
      { messageId: 1, key: "order-7", payload: "OrderPlaced" },
      { messageId: 2, key: "order-9", payload: "OrderPlaced" },
      { messageId: 3, key: "order-7", payload: "OrderPaid" },
    ],
    "messages the broker received",
  );
  t.assert.equal(store.unsent(), [], "rows still unsent");
});

test("fetches batchSize rows per pass and never publishes a sent row again", async (t) => {
  const store = makeOutbox(t, [["a", "1"], ["b", "2"], ["c", "3"], ["d", "4"], ["e", "5"]]);
  const broker = makeBroker(t);
  const relay = t.exports.createOutboxRelay({ store, broker, batchSize: 2 });
  const passes = [];
  for (let i = 0; i < 4; i++) passes.push((await relay.relayOnce()).published);
  t.assert.equal(passes, [[1, 2], [3, 4], [5], []], "rows published by four passes");
  t.assert.equal(store.fetches, [2, 2, 2, 2], "fetchUnsent limits");
  t.assert.equal(broker.ids(), [1, 2, 3, 4, 5], "message ids the broker received");
});

test("a failed publish does not stop other aggregates", async (t) => {
  const store = makeOutbox(t, [["order-7", "OrderPlaced"], ["order-9", "OrderPlaced"], ["order-7", "OrderPaid"], ["order-9", "OrderPaid"]]);
  const broker = makeBroker(t);
  const flaky = t.faults.failOn(broker.publish, [1], "broker unavailable"); // the first publish fails
  const relay = t.exports.createOutboxRelay({ store, broker: { publish: async (m: any) => flaky(m) }, batchSize: 10 });
  const report = await relay.relayOnce();
  t.assert.equal(report.failed, [1], "failed rows");
  t.assert.ok(report.published.includes(2) && report.published.includes(4), `rows of order-9 are published (published: [${report.published}])`);
  t.assert.ok(broker.ids().includes(2) && broker.ids().includes(4), "the broker received order-9's messages");
});
