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

const kinds = (results: any[]) => results.map((r) => (r.status === "fulfilled" ? r.value.kind : `rejected: ${r.reason?.message}`));

test("two concurrent duplicates run the handler once", { category: "runs the handler only once for concurrent duplicates" }, async (t) => {
  for (const seed of [1, 2, 3]) {
    const store = makeStore(t);
    const h = makeHandler(t);
    const handle = t.exports.createIdempotentHandler({ store, handler: h.fn, fingerprint: fingerprint(t) });
    const req = { key: "k1", body: '{"amount":500}' };
    const { results } = await t.concurrently([() => handle(req), () => handle(req)], { seed });
    t.assert.equal(h.calls, 1, `handler calls for two concurrent duplicates (seed ${seed})`);
    const got = kinds(results).sort();
    t.assert.ok(
      (got[0] === "executed" && got[1] === "in-progress") || (got[0] === "executed" && got[1] === "replayed"),
      `outcomes should be one "executed" and one "in-progress" or "replayed", got ${got.join(", ")} (seed ${seed})`,
    );
  }
});

test("three concurrent duplicates run the handler once", { category: "runs the handler only once for concurrent duplicates" }, async (t) => {
  const store = makeStore(t);
  const h = makeHandler(t);
  const handle = t.exports.createIdempotentHandler({ store, handler: h.fn, fingerprint: fingerprint(t) });
  const req = { key: "k1", body: "a" };
  const { results } = await t.concurrently([() => handle(req), () => handle(req), () => handle(req)], { seed: 4 });
  t.assert.equal(h.calls, 1, "handler calls for three concurrent duplicates");
  t.assert.equal(kinds(results).filter((k) => k === "executed").length, 1, "requests that report executed");
});

test("concurrent requests with one key but different bodies", { category: "rejects a reused key with a different body, even under concurrency" }, async (t) => {
  for (const seed of [1, 3]) {
    const h = makeHandler(t);
    const handle = t.exports.createIdempotentHandler({ store: makeStore(t), handler: h.fn, fingerprint: fingerprint(t) });
    const { results } = await t.concurrently([() => handle({ key: "k1", body: "a" }), () => handle({ key: "k1", body: "b" })], { seed });
    t.assert.equal(h.calls, 1, `handler calls (seed ${seed})`);
    t.assert.equal(kinds(results).sort(), ["executed", "key-reused"], `outcomes (seed ${seed})`);
  }
});

test("a different body while the first is in flight", { category: "rejects a reused key with a different body, even under concurrency" }, async (t) => {
  const store = makeStore(t);
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  const handler = async () => {
    calls++;
    await gate;
    return { status: 201, body: "ok" };
  };
  const handle = t.exports.createIdempotentHandler({ store, handler, fingerprint: fingerprint(t) });
  const first = track(handle({ key: "k1", body: "a" }));
  await drain(t);
  const other = track(handle({ key: "k1", body: "b" }));
  await drain(t);
  t.assert.equal(other.value, { kind: "key-reused" }, "different body while the first is in flight");
  release();
  await drain(t);
  t.assert.equal(first.value?.kind, "executed", "the first request");
  t.assert.equal(calls, 1, "handler calls");
});

test("a mismatched request does not change the stored result", { category: "keeps the stored result when a key is reused with a different body" }, async (t) => {
  const store = makeStore(t);
  const h = makeHandler(t);
  const handle = t.exports.createIdempotentHandler({ store, handler: h.fn, fingerprint: fingerprint(t) });
  const first = await handle({ key: "k1", body: "a" });
  t.assert.equal(await handle({ key: "k1", body: "b" }), { kind: "key-reused" }, "different body");
  t.assert.equal(await handle({ key: "k1", body: "a" }), { kind: "replayed", response: first.response }, "the original request afterwards");
  t.assert.equal(h.calls, 1, "handler calls");
});

test("a returned error response is stored and replayed", { category: "treats any returned response as final" }, async (t) => {
  const store = makeStore(t);
  let calls = 0;
  const handler = async () => {
    calls++;
    return { status: 402, body: { error: "card_declined", attempt: calls } };
  };
  const handle = t.exports.createIdempotentHandler({ store, handler, fingerprint: fingerprint(t) });
  const first = await handle({ key: "k1", body: "a" });
  t.assert.equal(first, { kind: "executed", response: { status: 402, body: { error: "card_declined", attempt: 1 } } }, "first request");
  t.assert.equal(await handle({ key: "k1", body: "a" }), { kind: "replayed", response: { status: 402, body: { error: "card_declined", attempt: 1 } } }, "retry");
  t.assert.equal(calls, 1, "handler calls");
});

test("a thrown error is not stored, so a retry runs the handler", { category: "lets a retry run the handler after the handler fails" }, async (t) => {
  const store = makeStore(t);
  const h = makeHandler(t);
  const failing = t.faults.failOn(h.fn, [1], "database unavailable");
  const handler = async (body: string) => failing(body); // the first call rejects
  const handle = t.exports.createIdempotentHandler({ store, handler, fingerprint: fingerprint(t) });
  await t.assert.rejects(() => handle({ key: "k1", body: "a" }), "database unavailable", "the handler's error reaches the caller");
  const retry = await handle({ key: "k1", body: "a" });
  t.assert.equal(retry.kind, "executed", "retry after a thrown error");
  t.assert.equal(await handle({ key: "k1", body: "a" }), { kind: "replayed", response: retry.response }, "a later retry replays the successful response");
});

test("a failed first attempt racing a duplicate", { category: "lets a retry run the handler after the handler fails" }, async (t) => {
  for (const seed of [1, 2, 5]) {
    const store = makeStore(t);
    const h = makeHandler(t);
    const failing = t.faults.failOn(h.fn, [1], "timeout");
    const handler = async (body: string) => failing(body); // the first call rejects
    const handle = t.exports.createIdempotentHandler({ store, handler, fingerprint: fingerprint(t) });
    const req = { key: "k1", body: "a" };
    await t.concurrently([() => handle(req), () => handle(req)], { seed });
    const later = await handle(req);
    t.assert.ok(later.kind === "executed" || later.kind === "replayed", `a later retry should complete, got ${later.kind} (seed ${seed})`);
    t.assert.atMost(h.calls, 1, `successful handler runs (seed ${seed})`);
  }
});

test("the key is claimed again when the holder released it", { category: "claims the key again when the previous attempt released it" }, async (t) => {
  const store = makeStore(t);
  // Once armed, `get` waits until the test lets it read: the first request fails and releases
  // the key in between.
  let gateGets = false;
  let releaseGets: () => void = () => {};
  const getGate = new Promise<void>((r) => (releaseGets = r));
  const originalGet = store.get;
  store.get = async (key: string) => {
    if (gateGets) await getGate;
    return originalGet(key);
  };
  let failFirst: (e: Error) => void = () => {};
  let calls = 0;
  const handler = async () => {
    calls++;
    if (calls === 1) await new Promise<void>((_, reject) => (failFirst = reject));
    return { status: 201, body: { attempt: calls } };
  };
  const handle = t.exports.createIdempotentHandler({ store, handler, fingerprint: fingerprint(t) });
  const first = track(handle({ key: "k1", body: "a" }));
  await drain(t); // the first request holds the key and is inside the handler
  gateGets = true;
  const second = track(handle({ key: "k1", body: "a" }));
  await drain(t); // the second found the key taken and is reading the record
  failFirst(new Error("upstream 503"));
  await drain(t);
  t.assert.equal(first.error?.message, "upstream 503", "the first request rejects with the handler's error");
  releaseGets();
  await drain(t);
  t.assert.equal(second.value, { kind: "executed", response: { status: 201, body: { attempt: 2 } } }, "the second request, after the first released the key");
});
