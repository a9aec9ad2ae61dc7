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

test("grants token 1, refuses a held resource, re-grants after release", ({ exports, clock, assert }) => {
  const locks = exports.createLockService({ now: clock.now });
  const first = locks.acquire("invoices", 5000);
  assert.equal(first, { resource: "invoices", token: 1, expiresAt: clock.now() + 5000 }, "the first lease");
  assert.equal(locks.acquire("invoices", 5000), null, "acquiring a held resource");
  assert.equal(locks.release(first), true, "releasing the held lease");
  assert.equal(locks.acquire("invoices", 5000)?.token, 2, "token of the next lease");
});

test("an expired lease is taken over with a higher token", async ({ exports, clock, assert }) => {
  const locks = exports.createLockService({ now: clock.now });
  locks.acquire("invoices", 1000);
  await clock.advance(1500);
  const next = locks.acquire("invoices", 1000);
  assert.equal(next, { resource: "invoices", token: 2, expiresAt: clock.now() + 1000 }, "the lease granted 1.5 s later");
});

test("a paused client cannot clobber the new holder's write", async (t) => {
  const locks = t.exports.createLockService({ now: t.clock.now });
  const { backend, data } = fakeBackend(t);
  const storage = t.exports.createFencedStorage(backend);
  const a = locks.acquire("report", 10_000);
  await t.clock.advance(15_000); // client A stops for 15 s (a GC pause); its lease expires
  const b = locks.acquire("report", 10_000);
  t.assert.ok(b !== null && b.token > a.token, "client B gets the lock with a higher token");
  const bWrite = await outcome(t, storage.write("report", "B's report", b.token), "B's write");
  t.assert.equal(bWrite.status, "fulfilled", "B's write");
  const aWrite = await outcome(t, storage.write("report", "A's stale report", a.token), "A's write after waking up");
  t.assert.ok(isStale(t, aWrite), `A's write rejects with StaleTokenError (got ${aWrite.status} ${aWrite.reason?.name ?? ""})`);
  t.assert.equal(data.get("report"), "B's report", "what the backend holds");
});

test("the holder may write several times with its token", async (t) => {
  const { backend, data } = fakeBackend(t);
  const storage = t.exports.createFencedStorage(backend);
  for (const v of ["draft", "final"]) {
    const o = await outcome(t, storage.write("doc", v, 7), `write of ${v}`);
    t.assert.equal(o.status, "fulfilled", `write of "${v}" with token 7`);
  }
  t.assert.equal(data.get("doc"), "final", "what the backend holds");
});
