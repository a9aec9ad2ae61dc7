/** A slow key-value backend: every write yields to the scheduler before it lands. */
function fakeBackend(t: any, opts: { failCalls?: number[]; gates?: Record<string, Promise<void>> } = {}) {
  const data = new Map<string, unknown>();
  const applied: Array<[string, unknown]> = [];
  let calls = 0;
  const backend = {
    async write(key: string, value: unknown) {
      const n = ++calls;
      await t.point(`backend.write ${key}=${String(value)}`);
      if (opts.gates?.[key]) await opts.gates[key];
      if (opts.failCalls?.includes(n)) throw new Error(`disk full (backend write ${n})`);
      data.set(key, value);
      applied.push([key, value]);
    },
  };
  return { backend, data, applied, calls: () => calls };
}

/** Waits for `p` without hanging the run if it never settles. */
async function outcome(t: any, p: unknown, what: string): Promise<{ status: "fulfilled"; value: any } | { status: "rejected"; reason: any }> {
  let state: any = { status: "pending" };
  Promise.resolve(p).then(
    (value) => void (state = { status: "fulfilled", value }),
    (reason) => void (state = { status: "rejected", reason }),
  );
  for (let i = 0; i < 10 && state.status === "pending"; i++) await t.clock.advance(0);
  if (state.status === "pending") t.assert.ok(false, `${what} never settled`);
  return state;
}

function isStale(t: any, o: { status: string; reason?: any }) {
  return o.status === "rejected" && o.reason instanceof t.exports.StaleTokenError;
}

test("expiry boundary", { category: "treats a lease as expired exactly at expiresAt" }, async ({ exports, clock, assert }) => {
  const locks = exports.createLockService({ now: clock.now });
  locks.acquire("job", 1000);
  await clock.advance(999);
  assert.equal(locks.acquire("job", 1000), null, "acquire 999 ms into a 1000 ms lease");
  await clock.advance(1);
  assert.equal(locks.acquire("job", 1000)?.token, 2, "acquire at exactly expiresAt");
});

test("one token sequence for the whole service", { category: "issues one strictly increasing token sequence across resources" }, async ({ exports, clock, assert }) => {
  const locks = exports.createLockService({ now: clock.now });
  const a1 = locks.acquire("a", 1000);
  const b1 = locks.acquire("b", 5000);
  locks.release(a1);
  const a2 = locks.acquire("a", 1000);
  await clock.advance(5000);
  const b2 = locks.acquire("b", 5000);
  const a3 = locks.acquire("a", 1000); // a2 expired meanwhile
  assert.equal([a1, b1, a2, b2, a3].map((l: any) => l?.token), [1, 2, 3, 4, 5], "tokens in grant order");
  assert.equal(b2?.expiresAt, clock.now() + 5000, "expiresAt of a lease granted after 5 s");
});

test("a stale holder releases after being taken over", { category: "refuses to release a lease that was taken over" }, async ({ exports, clock, assert }) => {
  const locks = exports.createLockService({ now: clock.now });
  const a = locks.acquire("report", 1000);
  await clock.advance(2000);
  const b = locks.acquire("report", 1000);
  assert.equal(locks.release(a), false, "A releasing its expired lease after B took over");
  assert.equal(locks.acquire("report", 1000), null, "C tries while B still holds the lock");
  assert.equal(locks.release({ ...b, token: 999 }), false, "releasing with the right resource but a wrong token");
  assert.equal(locks.release(b), true, "B releasing its own lease");
});

test("releasing twice or after expiry", { category: "returns false when releasing an expired or already released lease" }, async ({ exports, clock, assert }) => {
  const locks = exports.createLockService({ now: clock.now });
  const a = locks.acquire("x", 1000);
  assert.equal(locks.release(a), true, "first release");
  assert.equal(locks.release(a), false, "second release of the same lease");
  const b = locks.acquire("x", 1000);
  await clock.advance(1000);
  assert.equal(locks.release(b), false, "release at expiresAt (already expired)");
});

test("a lower token never reaches the backend", { category: "rejects a lower token with StaleTokenError before it reaches the backend" }, async (t) => {
  const { backend, data, calls } = fakeBackend(t);
  const storage = t.exports.createFencedStorage(backend);
  await outcome(t, storage.write("k", "v5", 5), "write with token 5");
  const o = await outcome(t, storage.write("k", "v4", 4), "write with token 4");
  t.assert.ok(isStale(t, o), `token 4 after 5 rejects with StaleTokenError (got ${o.status} ${o.reason?.name ?? ""})`);
  t.assert.equal([o.reason?.key, o.reason?.token, o.reason?.highest], ["k", 4, 5], "the error's key, token and highest");
  t.assert.equal(calls(), 1, "backend writes");
  const higher = await outcome(t, storage.write("k", "v9", 9), "write with token 9");
  t.assert.equal(higher.status, "fulfilled", "a higher token is accepted");
  t.assert.equal(data.get("k"), "v9", "what the backend holds");
});

test("tokens are tracked per key", { category: "keeps the highest token per key" }, async (t) => {
  const { backend, data } = fakeBackend(t);
  const storage = t.exports.createFencedStorage(backend);
  await outcome(t, storage.write("orders", "o", 10), "orders with token 10");
  const o = await outcome(t, storage.write("invoices", "i", 3), "invoices with token 3");
  t.assert.equal(o.status, "fulfilled", "token 3 on a key that has seen no token yet");
  const stale = await outcome(t, storage.write("orders", "o2", 3), "orders with token 3");
  t.assert.ok(isStale(t, stale), "token 3 on the key that saw 10");
  t.assert.equal([data.get("orders"), data.get("invoices")], ["o", "i"], "backend values");
});

test("an old write in flight and a new one", { category: "never lets an older in-flight write land after a newer one" }, async (t) => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const { backend, data } = fakeBackend(t);
    const storage = t.exports.createFencedStorage(backend);
    const { results } = await t.concurrently([() => storage.write("k", "old", 1), () => storage.write("k", "new", 2)], { seed });
    t.assert.equal(results[1].status, "fulfilled", `seed ${seed}: the token-2 write`);
    t.assert.ok(results[0].status === "fulfilled" || isStale(t, results[0]), `seed ${seed}: the token-1 write succeeds first or is rejected as stale`);
    t.assert.equal(data.get("k"), "new", `seed ${seed}: the value left in the backend`);
  }

  // The two clients now call write at scheduler-chosen moments: the newer writer may arrive before
  // the older one, while its backend write is in flight, or after it has landed.
  for (const seed of [7, 8, 9, 10, 11, 12, 13, 14]) {
    const { backend, data, applied } = fakeBackend(t);
    const storage = t.exports.createFencedStorage(backend);
    const client = (value: string, token: number) => async () => {
      await t.point(`client ${value} wakes`);
      return storage.write("k", value, token);
    };
    const { results } = await t.concurrently([client("old", 1), client("new", 2)], { seed });
    t.assert.equal(results[1].status, "fulfilled", `seed ${seed} (clients arrive in any order): the token-2 write`);
    t.assert.ok(results[0].status === "fulfilled" || isStale(t, results[0]), `seed ${seed} (clients arrive in any order): the token-1 write succeeds first or is rejected as stale`);
    t.assert.equal(data.get("k"), "new", `seed ${seed} (clients arrive in any order): the value left in the backend`);
    t.assert.equal(applied[applied.length - 1], ["k", "new"], `seed ${seed} (clients arrive in any order): the last write the backend applied`);
  }
});

test("six writers on one key", { category: "applies writes to one key one at a time, in call order" }, async (t) => {
  for (const seed of [21, 22, 23]) {
    const { backend, applied } = fakeBackend(t);
    const storage = t.exports.createFencedStorage(backend);
    const tokens = [3, 1, 4, 1, 5, 2];
    const { results } = await t.concurrently(tokens.map((tok, i) => () => storage.write("k", `w${i}:${tok}`, tok)), { seed });
    t.assert.equal(results.map((r: any) => (r.status === "fulfilled" ? "ok" : isStale(t, r) ? "stale" : "error")), ["ok", "stale", "ok", "stale", "ok", "stale"], `seed ${seed}: outcome per write`);
    t.assert.equal(applied, [["k", "w0:3"], ["k", "w2:4"], ["k", "w4:5"]], `seed ${seed}: writes in the order the backend applied them`);
  }
});

test("a backend failure in the queue", { category: "keeps accepting writes after a backend write fails" }, async (t) => {
  const { backend, data } = fakeBackend(t, { failCalls: [1] });
  const storage = t.exports.createFencedStorage(backend);
  const first = storage.write("k", "lost", 1);
  const second = storage.write("k", "kept", 2);
  const a = await outcome(t, first, "the failing write");
  const b = await outcome(t, second, "the write queued behind it");
  t.assert.ok(a.status === "rejected" && String(a.reason?.message).includes("disk full"), "the failing write rejects with the backend's error");
  t.assert.equal(b.status, "fulfilled", "the next write");
  t.assert.equal(data.get("k"), "kept", "what the backend holds");
});

test("a slow write to one key and a write to another", { category: "does not make different keys wait for each other" }, async (t) => {
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const { backend, data } = fakeBackend(t, { gates: { slow: gate } });
  const storage = t.exports.createFencedStorage(backend);
  const slow = storage.write("slow", "s", 1);
  const fast = await outcome(t, storage.write("fast", "f", 1), "the write to another key while the first is stuck");
  t.assert.equal(fast.status, "fulfilled", "the write to the other key");
  t.assert.equal(data.get("fast"), "f", "the other key's value");
  open();
  t.assert.equal((await outcome(t, slow, "the slow write")).status, "fulfilled", "the slow write once unblocked");
});
