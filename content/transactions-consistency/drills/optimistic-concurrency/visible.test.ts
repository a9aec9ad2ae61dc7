const clone = <V>(v: V): V => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/**
 * An in-memory versioned store. Both methods yield to the scheduler first (`t.point`), then act
 * atomically. `competingWrites(n)` makes the next n compareAndSet calls find that another writer
 * got in first (it applies `competitor` to the stored value and bumps the version).
 */
function fakeStore(t: any, initial: Record<string, unknown>) {
  const rows = new Map<string, { value: any; version: number }>(Object.entries(initial).map(([id, value]) => [id, { value: clone(value), version: 1 }]));
  const stats = { gets: 0, cas: 0, casOk: 0 };
  let pendingCompetitors = 0;
  let competitor = (v: any) => v;
  const store = {
    async get(id: string) {
      stats.gets++;
      await t.point(`get ${id}`);
      const r = rows.get(id);
      return r ? { value: clone(r.value), version: r.version } : undefined;
    },
    async compareAndSet(id: string, expectedVersion: number, newValue: unknown) {
      stats.cas++;
      await t.point(`cas ${id}`);
      const r = rows.get(id);
      if (r && pendingCompetitors > 0) {
        pendingCompetitors--;
        rows.set(id, { value: competitor(clone(r.value)), version: r.version + 1 });
      }
      const now = rows.get(id);
      if (!now || now.version !== expectedVersion) return false;
      rows.set(id, { value: clone(newValue), version: expectedVersion + 1 });
      stats.casOk++;
      return true;
    },
  };
  return {
    store,
    rows,
    stats,
    competingWrites(n: number, fn: (v: any) => any) {
      pendingCompetitors = n;
      competitor = fn;
    },
  };
}

const inc = (c: { count: number }) => ({ count: c.count + 1 });

test("applies mutate and stores the next version", async (t) => {
  const db = fakeStore(t, { counter: { count: 0 } });
  const result = await t.exports.createUpdater(db.store).updateWithRetry("counter", inc);
  t.assert.equal(result, { value: { count: 1 }, version: 2 }, "the resolved value and version");
  t.assert.equal(db.rows.get("counter"), { value: { count: 1 }, version: 2 }, "what the store holds");
});

test("retries on the fresh value after a concurrent write", async (t) => {
  const db = fakeStore(t, { counter: { count: 0 } });
  db.competingWrites(1, (v) => ({ count: v.count + 10 })); // someone adds 10 just before our first write
  const seen: number[] = [];
  const result = await t.exports.createUpdater(db.store).updateWithRetry("counter", (c: { count: number }) => {
    seen.push(c.count);
    return inc(c);
  });
  t.assert.equal(seen, [0, 10], "values mutate was called with (first attempt, retry)");
  t.assert.equal(result, { value: { count: 11 }, version: 3 }, "the resolved value and version");
  t.assert.equal(db.rows.get("counter")?.value, { count: 11 }, "both the competing +10 and our +1 are stored");
});

test("gives up with ConflictError after maxAttempts", async (t) => {
  const db = fakeStore(t, { counter: { count: 0 } });
  db.competingWrites(Infinity, (v) => ({ count: v.count + 1 })); // every write loses the race
  let calls = 0;
  const updater = t.exports.createUpdater(db.store);
  let error: any = null;
  try {
    await updater.updateWithRetry("counter", (c: { count: number }) => (calls++, inc(c)), { maxAttempts: 3 });
  } catch (e) {
    error = e;
  }
  t.assert.ok(error instanceof t.exports.ConflictError, `rejects with a ConflictError (got ${error?.name ?? "no error"})`);
  t.assert.equal(calls, 3, "mutate calls with maxAttempts 3");
  t.assert.equal(db.stats.casOk, 0, "writes that went through");
});

test("a missing record is NotFoundError and mutate is not called", async (t) => {
  const db = fakeStore(t, {});
  let called = false;
  await t.assert.rejects(
    () => t.exports.createUpdater(db.store).updateWithRetry("nope", (v: unknown) => ((called = true), v)),
    "Not found: nope",
    "updating a record that does not exist",
  );
  t.assert.equal(called, false, "mutate was called");
});
