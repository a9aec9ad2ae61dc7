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

// `messageId`s per aggregate, in the order the broker received them.
function byAggregate(log: Array<{ messageId: number; key: string }>) {
  const out: Record<string, number[]> = {};
  for (const m of log) (out[m.key] ??= []).push(m.messageId);
  return out;
}

test("a row whose publish failed stays unsent and goes out next pass", { category: "marks a row sent only after the broker accepted it" }, async (t) => {
  const store = makeOutbox(t, [["a", "1"], ["b", "2"], ["c", "3"]]);
  const broker = makeBroker(t);
  const flaky = t.faults.failOn(broker.publish, [2], "broker timeout"); // row 2's first publish
  const relay = t.exports.createOutboxRelay({ store, broker: { publish: async (m: any) => flaky(m) }, batchSize: 10 });
  t.assert.equal(await relay.relayOnce(), { published: [1, 3], failed: [2], skipped: [] }, "first pass");
  t.assert.equal(store.unsent(), [2], "unsent rows after the first pass");
  t.assert.equal(await relay.relayOnce(), { published: [2], failed: [], skipped: [] }, "second pass");
  t.assert.equal(broker.ids().sort(), [1, 2, 3], "every row reached the broker");
});

test("no row is lost when publishes keep failing", { category: "marks a row sent only after the broker accepted it" }, async (t) => {
  const rows: Array<[string, string]> = [];
  for (let i = 0; i < 12; i++) rows.push([`agg-${i % 3}`, `event-${i}`]);
  const store = makeOutbox(t, rows);
  const broker = makeBroker(t);
  const flaky = t.faults.failOn(broker.publish, [1, 4, 5, 9, 13, 14], "broker unavailable");
  const relay = t.exports.createOutboxRelay({ store, broker: { publish: async (m: any) => flaky(m) }, batchSize: 5 });
  for (let i = 0; i < 12 && store.unsent().length > 0; i++) await relay.relayOnce();
  t.assert.equal(store.unsent(), [], "rows left unsent");
  t.assert.equal(broker.ids().sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "rows the broker received");
});

test("a failure holds back later rows of the same aggregate", { category: "keeps per-aggregate order when a publish fails" }, async (t) => {
  const store = makeOutbox(t, [["order-7", "Placed"], ["order-7", "Paid"], ["order-9", "Placed"], ["order-7", "Shipped"], ["order-9", "Paid"]]);
  const broker = makeBroker(t);
  const flaky = t.faults.failOn(broker.publish, [2], "broker timeout"); // order-7 "Paid"
  const relay = t.exports.createOutboxRelay({ store, broker: { publish: async (m: any) => flaky(m) }, batchSize: 10 });
  t.assert.equal(await relay.relayOnce(), { published: [1, 3, 5], failed: [2], skipped: [4] }, "first pass");
  t.assert.equal(await relay.relayOnce(), { published: [2, 4], failed: [], skipped: [] }, "second pass");
  t.assert.equal(byAggregate(broker.log), { "order-7": [1, 2, 4], "order-9": [3, 5] }, "order per aggregate at the broker");
});

test("each aggregate's messages reach the broker in order across failing passes", { category: "keeps per-aggregate order when a publish fails" }, async (t) => {
  const rows: Array<[string, string]> = [];
  for (let i = 0; i < 12; i++) rows.push([`agg-${i % 3}`, `event-${i}`]);
  const store = makeOutbox(t, rows);
  const broker = makeBroker(t);
  const flaky = t.faults.failOn(broker.publish, [1, 4, 5, 9, 13, 14], "broker unavailable");
  const relay = t.exports.createOutboxRelay({ store, broker: { publish: async (m: any) => flaky(m) }, batchSize: 6 });
  for (let i = 0; i < 12 && store.unsent().length > 0; i++) await relay.relayOnce();
  t.assert.equal(byAggregate(broker.log), { "agg-0": [1, 4, 7, 10], "agg-1": [2, 5, 8, 11], "agg-2": [3, 6, 9, 12] }, "order per aggregate at the broker");
});

test("a crash between publish and mark loses nothing", { category: "stops the pass when markSent fails, without losing the published row" }, async (t) => {
  const store = makeOutbox(t, [["a", "1"], ["b", "2"], ["a", "3"], ["c", "4"]]);
  const broker = makeBroker(t);
  const crash = t.faults.crashAt(2); // the process dies inside the second markSent
  const markSent = store.markSent.bind(store);
  const crashingStore = {
    fetchUnsent: (limit: number) => store.fetchUnsent(limit),
    markSent: async (id: number) => {
      crash();
      return markSent(id);
    },
  };
  const relay = t.exports.createOutboxRelay({ store: crashingStore, broker, batchSize: 10 });
  let crashed = false;
  try {
    await relay.relayOnce();
  } catch {
    crashed = true;
  }
  t.assert.ok(crashed, "relayOnce rejects when markSent fails");
  t.assert.equal(broker.ids(), [1, 2], "published before the crash (row 2 was published, not marked)");
  // The process restarts with a fresh relay over the same outbox.
  const restarted = t.exports.createOutboxRelay({ store, broker, batchSize: 10 });
  t.assert.equal(await restarted.relayOnce(), { published: [2, 3, 4], failed: [], skipped: [] }, "the pass after the restart");
  t.assert.equal(broker.ids(), [1, 2, 2, 3, 4], "all messages the broker received: row 2 twice, none lost");
});

test("an empty outbox publishes nothing", { category: "handles an empty outbox" }, async (t) => {
  const store = makeOutbox(t, []);
  const broker = makeBroker(t);
  const relay = t.exports.createOutboxRelay({ store, broker, batchSize: 10 });
  t.assert.equal(await relay.relayOnce(), { published: [], failed: [], skipped: [] }, "report");
  t.assert.equal(broker.log.length, 0, "messages published");
});

test("skipped rows still count towards the batch", { category: "fetches one batch per pass; skipped rows count towards batchSize" }, async (t) => {
  const store = makeOutbox(t, [["a", "1"], ["a", "2"], ["a", "3"], ["b", "4"]]);
  const broker = makeBroker(t);
  const flaky = t.faults.failOn(broker.publish, [1], "broker timeout");
  const relay = t.exports.createOutboxRelay({ store, broker: { publish: async (m: any) => flaky(m) }, batchSize: 3 });
  t.assert.equal(await relay.relayOnce(), { published: [], failed: [1], skipped: [2, 3] }, "first pass: row 4 is outside the batch");
  t.assert.equal(store.fetches, [3], "fetchUnsent calls and limits");
});
