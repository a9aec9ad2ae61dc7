// A fake idempotency store. Every method yields at `t.point(...)`, where concurrent requests can
// interleave; `insertIfAbsent` is atomic (it checks and inserts without yielding in between).
function makeStore(t: any) {
  const data = new Map<string, any>();
  return {
    data,
    async get(key: string) {
      await t.point("store.get");
      const r = data.get(key);
      return r ? { ...r } : undefined;
    },
    async insertIfAbsent(key: string, record: any) {
      await t.point("store.insertIfAbsent");
      if (data.has(key)) return false;
      data.set(key, { ...record });
      return true;
    },
    async put(key: string, record: any) {
      await t.point("store.put");
      data.set(key, { ...record });
    },
    async delete(key: string) {
      await t.point("store.delete");
      data.delete(key);
    },
  };
}

// A charge handler that counts its calls.
function makeHandler(t: any) {
  const h = {
    calls: 0,
    fn: async (body: string) => {
      h.calls++;
      const n = h.calls;
      await t.point("handler");
      return { status: 201, body: { chargeId: `ch_${n}`, request: body } };
    },
  };
  return h;
}

const fingerprint = (t: any) => (body: string) => t.crypto.hmacSha256Base64url("fingerprint", body);

// Follows a promise without awaiting it, so a request that never settles fails the test with a
// message instead of hanging the run.
function track(p: Promise<any>) {
  const s: { done: boolean; value?: any; error?: any } = { done: false };
  p.then((v) => ((s.done = true), (s.value = v)), (e) => ((s.done = true), (s.error = e)));
  return s;
}
async function drain(t: any) {
  for (let i = 0; i < 10; i++) await t.clock.advance(0);
}

test("runs the handler once and replays the stored response for a repeated key", async (t) => {
  const store = makeStore(t);
  const h = makeHandler(t);
  const handle = t.exports.createIdempotentHandler({ store, handler: h.fn, fingerprint: fingerprint(t) });
  const first = await handle({ key: "k1", body: '{"amount":500}' });
  t.assert.equal(first, { kind: "executed", response: { status: 201, body: { chargeId: "ch_1", request: '{"amount":500}' } } }, "first request");
  const second = await handle({ key: "k1", body: '{"amount":500}' });
  t.assert.equal(second, { kind: "replayed", response: first.response }, "retry with the same key and body");
  t.assert.equal(h.calls, 1, "handler calls");
});

test("a duplicate that arrives while the first is still running gets in-progress", async (t) => {
  const store = makeStore(t);
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  const handler = async (body: string) => {
    calls++;
    await gate; // the first request is slow
    return { status: 201, body: { chargeId: "ch_1" } };
  };
  const handle = t.exports.createIdempotentHandler({ store, handler, fingerprint: fingerprint(t) });
  const first = track(handle({ key: "k1", body: "a" }));
  await drain(t); // the first request is now inside the handler
  const duplicate = track(handle({ key: "k1", body: "a" }));
  await drain(t);
  t.assert.ok(duplicate.done, "the duplicate answers at once, without waiting for the first");
  t.assert.equal(duplicate.value, { kind: "in-progress" }, "duplicate while the first is in flight");
  release();
  await drain(t);
  t.assert.equal(first.value, { kind: "executed", response: { status: 201, body: { chargeId: "ch_1" } } }, "the first request");
  t.assert.equal(calls, 1, "handler calls");
});

test("rejects a reused key with a different body", async (t) => {
  const store = makeStore(t);
  const h = makeHandler(t);
  const handle = t.exports.createIdempotentHandler({ store, handler: h.fn, fingerprint: fingerprint(t) });
  await handle({ key: "k1", body: '{"amount":500}' });
  t.assert.equal(await handle({ key: "k1", body: '{"amount":700}' }), { kind: "key-reused" }, "same key, different body");
  t.assert.equal(h.calls, 1, "handler calls");
});

test("different keys are independent", async (t) => {
  const store = makeStore(t);
  const h = makeHandler(t);
  const handle = t.exports.createIdempotentHandler({ store, handler: h.fn, fingerprint: fingerprint(t) });
  const a = await handle({ key: "k1", body: "same body" });
  const b = await handle({ key: "k2", body: "same body" });
  t.assert.equal([a.kind, b.kind], ["executed", "executed"], "two keys with the same body");
  t.assert.equal(h.calls, 2, "handler calls");
});
