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

test("20 concurrent increments", { category: "never loses an update under concurrent writers" }, async (t) => {
  for (const seed of [1, 2, 3, 4]) {
    const db = fakeStore(t, { counter: { count: 0 } });
    const updater = t.exports.createUpdater(db.store);
    const { results } = await t.concurrently(
      Array.from({ length: 20 }, () => () => updater.updateWithRetry("counter", inc, { maxAttempts: 25 })),
      { seed },
    );
    const failed = results.filter((r: any) => r.status === "rejected");
    t.assert.equal(failed.length, 0, `seed ${seed}: rejected updates (25 attempts is always enough for 20 writers)`);
    t.assert.equal(db.rows.get("counter")?.value, { count: 20 }, `seed ${seed}: final count after 20 increments`);
    const versions = results.map((r: any) => r.value?.version).sort((a: number, b: number) => a - b);
    t.assert.equal(versions, Array.from({ length: 20 }, (_, i) => i + 2), `seed ${seed}: the versions the 20 updates resolved with`);
  }
});

test("heavy contention with 2 attempts", { category: "reports success only for updates that were stored" }, async (t) => {
  for (const seed of [5, 6, 7]) {
    const db = fakeStore(t, { counter: { count: 0 } });
    const updater = t.exports.createUpdater(db.store);
    const { results } = await t.concurrently(
      Array.from({ length: 10 }, () => () => updater.updateWithRetry("counter", inc, { maxAttempts: 2 })),
      { seed },
    );
    const ok = results.filter((r: any) => r.status === "fulfilled").length;
    const conflicts = results.filter((r: any) => r.status === "rejected" && r.reason instanceof t.exports.ConflictError).length;
    t.assert.equal(ok + conflicts, 10, `seed ${seed}: every call either succeeds or rejects with ConflictError`);
    t.assert.equal(db.rows.get("counter")?.value, { count: ok }, `seed ${seed}: stored count vs. ${ok} reported successes`);
  }
});

test("an async mutate under concurrency", { category: "never loses an update when mutate is async" }, async (t) => {
  const db = fakeStore(t, { cart: { items: [] as string[] } });
  const updater = t.exports.createUpdater(db.store);
  const add = (sku: string) => async (cart: { items: string[] }) => {
    await t.point(`price ${sku}`); // e.g. look up a price before writing
    return { items: [...cart.items, sku] };
  };
  const skus = ["a", "b", "c", "d", "e", "f"];
  const { results } = await t.concurrently(skus.map((s) => () => updater.updateWithRetry("cart", add(s), { maxAttempts: 10 })), { seed: 11 });
  t.assert.equal(results.filter((r: any) => r.status === "rejected").length, 0, "rejected updates");
  t.assert.equal([...db.rows.get("cart")!.value.items].sort(), skus, "items in the cart");
});

test("mutate sees each attempt's fresh value", { category: "re-applies mutate to the value read in each attempt" }, async (t) => {
  const db = fakeStore(t, { doc: { tags: ["x"] } });
  let n = 0;
  db.competingWrites(2, (v) => ({ tags: [...v.tags, `other-${++n}`] }));
  const seen: string[][] = [];
  const result = await t.exports.createUpdater(db.store).updateWithRetry("doc", (d: { tags: string[] }) => {
    seen.push([...d.tags]);
    return { tags: [...d.tags, "mine"] };
  });
  t.assert.equal(seen, [["x"], ["x", "other-1"], ["x", "other-1", "other-2"]], "values mutate saw in attempts 1–3");
  t.assert.equal(result, { value: { tags: ["x", "other-1", "other-2", "mine"] }, version: 4 }, "the resolved value and version");
  t.assert.equal(db.rows.get("doc"), { value: { tags: ["x", "other-1", "other-2", "mine"] }, version: 4 }, "what the store holds");
});

test("exactly maxAttempts attempts, and the default is 5", { category: "gives up with ConflictError after exactly maxAttempts attempts" }, async (t) => {
  for (const maxAttempts of [1, 4, undefined]) {
    const db = fakeStore(t, { counter: { count: 0 } });
    db.competingWrites(Infinity, inc);
    const updater = t.exports.createUpdater(db.store);
    let error: any = null;
    try {
      await updater.updateWithRetry("counter", inc, maxAttempts === undefined ? undefined : { maxAttempts });
    } catch (e) {
      error = e;
    }
    const expected = maxAttempts ?? 5;
    t.assert.ok(error instanceof t.exports.ConflictError, `maxAttempts ${maxAttempts}: rejects with ConflictError (got ${error?.name ?? "no error"})`);
    t.assert.equal(error?.attempts, expected, `maxAttempts ${maxAttempts}: error.attempts`);
    t.assert.equal(error?.id, "counter", `maxAttempts ${maxAttempts}: error.id`);
    t.assert.equal(db.stats.cas, expected, `maxAttempts ${maxAttempts}: compareAndSet calls`);
  }
});

test("a conflict followed by success within the limit", { category: "succeeds when a retry within maxAttempts wins" }, async (t) => {
  const db = fakeStore(t, { counter: { count: 0 } });
  db.competingWrites(2, inc);
  const result = await t.exports.createUpdater(db.store).updateWithRetry("counter", inc, { maxAttempts: 3 });
  t.assert.equal(result, { value: { count: 3 }, version: 4 }, "third attempt wins");
});

test("mutate throws", { category: "propagates an error thrown by mutate without retrying or writing" }, async (t) => {
  const db = fakeStore(t, { account: { balance: 5 } });
  let calls = 0;
  const withdraw = (a: { balance: number }) => {
    calls++;
    if (a.balance < 10) throw new Error("insufficient funds");
    return { balance: a.balance - 10 };
  };
  const updater = t.exports.createUpdater(db.store);
  await t.assert.rejects(() => updater.updateWithRetry("account", withdraw), "insufficient funds", "sync throw from mutate");
  await t.assert.rejects(
    () => updater.updateWithRetry("account", async () => Promise.reject(new Error("validation failed"))),
    "validation failed",
    "rejection from an async mutate",
  );
  t.assert.equal(calls, 1, "mutate calls for the throwing update");
  t.assert.equal(db.stats.cas, 0, "compareAndSet calls");
  t.assert.equal(db.rows.get("account"), { value: { balance: 5 }, version: 1 }, "the record is untouched");
});
