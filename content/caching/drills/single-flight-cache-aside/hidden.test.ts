function fakeCache(t: any, initial: Record<string, unknown> = {}) {
  const store = new Map<string, unknown>(Object.entries(initial));
  const cache = {
    async get(key: string) {
      await t.point(`cache.get ${key}`);
      return store.get(key);
    },
    async set(key: string, value: unknown) {
      await t.point(`cache.set ${key}`);
      store.set(key, value);
    },
  };
  return { store, cache };
}

function fakeLoader(t: any, value: unknown, label = "db") {
  const stats = { calls: 0 };
  const loader = async () => {
    stats.calls++;
    await t.point(`${label}.query`);
    await t.point(`${label}.rows`);
    return value;
  };
  return { stats, loader };
}

test("concurrent misses call the loader once under every interleaving", { category: "concurrent misses for a key share a single load" }, async (t: any) => {
  for (let seed = 1; seed <= 30; seed++) {
    const { store, cache } = fakeCache(t);
    const products = t.exports.createCacheAside({ cache });
    const loaders = [1, 2, 3, 4, 5, 6].map(() => fakeLoader(t, { id: 7 }));
    const { results } = await t.concurrently(loaders.map((l) => () => products.get("p:7", l.loader)), { seed });
    const calls = loaders.reduce((n, l) => n + l.stats.calls, 0);
    if (calls !== 1 || results.some((r: any) => r.status !== "fulfilled")) {
      t.assert.equal(calls, 1, `loader calls for six concurrent misses (seed ${seed})`);
      t.assert.equal(results.map((r: any) => r.status), ["fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled"], `statuses (seed ${seed})`);
    }
    t.assert.equal(results.map((r: any) => r.value), [1, 2, 3, 4, 5, 6].map(() => ({ id: 7 })), `values (seed ${seed})`);
    t.assert.equal(store.get("p:7"), { id: 7 }, `cached value (seed ${seed})`);
  }
});

test("a caller that misses while the value is being stored joins the flight", { category: "keeps the flight open until the value is stored" }, async (t: any) => {
  const store = new Map<string, unknown>();
  const pendingSets: Array<() => void> = [];
  const cache = {
    async get(key: string) {
      return store.get(key);
    },
    async set(key: string, value: unknown) {
      await new Promise<void>((resolve) => pendingSets.push(resolve)); // a slow cache write
      store.set(key, value);
    },
  };
  const products = t.exports.createCacheAside({ cache });
  const first = fakeLoader(t, "v1");
  const second = fakeLoader(t, "v2");
  const p1 = products.get("k", first.loader);
  await t.clock.advance(0); // the load has finished; the cache write is pending
  const p2 = products.get("k", second.loader);
  await t.clock.advance(0);
  while (pendingSets.length) pendingSets.shift()!();
  await t.clock.advance(0);
  while (pendingSets.length) pendingSets.shift()!();
  t.assert.equal([await p1, await p2], ["v1", "v1"], "both callers get the one loaded value");
  t.assert.equal([first.stats.calls, second.stats.calls], [1, 0], "loader calls (first, late caller)");
});

test("a flight ends once its value is stored, so a later miss loads again", { category: "ends the flight after a successful load, so a later miss loads again" }, async (t: any) => {
  const { store, cache } = fakeCache(t);
  const products = t.exports.createCacheAside({ cache });
  const first = fakeLoader(t, "v1");
  t.assert.equal(await products.get("k", first.loader), "v1", "the first get loads");
  store.delete("k"); // the cached entry expires or is evicted
  const second = fakeLoader(t, "v2");
  t.assert.equal(await products.get("k", second.loader), "v2", "a get after the cached entry is gone");
  t.assert.equal([first.stats.calls, second.stats.calls], [1, 1], "loader calls (first get, get after the entry is gone)");
  t.assert.equal(store.get("k"), "v2", "the reloaded value is cached");
});

test("a failed load is shared by its waiters and not cached", { category: "shares a load failure with its waiters but retries afterwards" }, async (t: any) => {
  for (const seed of [3, 11, 19]) {
    const store = new Map<string, unknown>();
    let allMissed: () => void = () => {};
    const latch = new Promise<void>((resolve) => (allMissed = resolve));
    let gets = 0;
    const cache = {
      async get(key: string) {
        await t.point(`cache.get ${key}`);
        if (++gets === 4) allMissed();
        return store.get(key);
      },
      async set(key: string, value: unknown) {
        await t.point(`cache.set ${key}`);
        store.set(key, value);
      },
    };
    const products = t.exports.createCacheAside({ cache });
    const stats = { calls: 0 };
    const failing = async () => {
      stats.calls++;
      // Fail only once every caller has missed the cache, so all four are waiting on this flight.
      await latch;
      await t.point("db.query");
      throw new Error(`db down #${stats.calls}`);
    };
    const { results } = await t.concurrently([1, 2, 3, 4].map(() => () => products.get("k", failing)), { seed });
    t.assert.equal(stats.calls, 1, `loader calls for four concurrent failing misses (seed ${seed})`);
    t.assert.equal(
      results.map((r: any) => (r.status === "rejected" ? r.reason.message : "fulfilled")),
      ["db down #1", "db down #1", "db down #1", "db down #1"],
      `every waiter gets the same error (seed ${seed})`,
    );
    t.assert.equal(store.has("k"), false, `nothing cached after the failure (seed ${seed})`);
    const retry = fakeLoader(t, "recovered");
    t.assert.equal(await products.get("k", retry.loader), "recovered", `the next get after the failure (seed ${seed})`);
    t.assert.equal(retry.stats.calls, 1, `the next get calls its loader (seed ${seed})`);
  }
});

test("a loader that throws synchronously is not cached either", { category: "shares a load failure with its waiters but retries afterwards" }, async (t: any) => {
  const { cache } = fakeCache(t);
  const products = t.exports.createCacheAside({ cache });
  const throwing = () => {
    throw new Error("bad query");
  };
  await t.assert.rejects(() => products.get("k", throwing), "bad query", "get with a throwing loader");
  await t.assert.rejects(() => products.get("k", throwing), "bad query", "second get with a throwing loader");
  const ok = fakeLoader(t, 5);
  t.assert.equal(await products.get("k", ok.loader), 5, "a later get with a working loader");
});

test("loads of different keys run at the same time", { category: "loads different keys independently" }, async (t: any) => {
  const { store, cache } = fakeCache(t);
  const products = t.exports.createCacheAside({ cache });
  // Each loader waits until both loads have started: loads serialised behind one lock never finish.
  const started = new Set<string>();
  let bothStarted: () => void = () => {};
  const both = new Promise<void>((resolve) => (bothStarted = resolve));
  const loaderFor = (key: string) => async () => {
    started.add(key);
    if (started.size === 2) bothStarted();
    await both;
    await t.point(`db.query ${key}`);
    return `value of ${key}`;
  };
  let outcome: any;
  try {
    outcome = await t.concurrently([() => products.get("a", loaderFor("a")), () => products.get("b", loaderFor("b"))], { seed: 5 });
  } catch (e) {
    t.assert.ok(false, `loads of two keys did not overlap: ${(e as Error).message}`);
    return;
  }
  t.assert.equal(outcome.results.map((r: any) => r.value), ["value of a", "value of b"], "each key gets its own value");
  t.assert.equal([store.get("a"), store.get("b")], ["value of a", "value of b"], "both keys cached");
});

test("a failure on one key does not affect another", { category: "loads different keys independently" }, async (t: any) => {
  for (const seed of [2, 8]) {
    const { store, cache } = fakeCache(t);
    const products = t.exports.createCacheAside({ cache });
    const good = fakeLoader(t, "B", "db-b");
    const bad = async () => {
      await t.point("db-a.query");
      throw new Error("a failed");
    };
    const { results } = await t.concurrently(
      [() => products.get("a", bad), () => products.get("b", good.loader), () => products.get("a", bad), () => products.get("b", good.loader)],
      { seed },
    );
    t.assert.equal(results.map((r: any) => r.status), ["rejected", "fulfilled", "rejected", "fulfilled"], `statuses (seed ${seed})`);
    t.assert.equal([results[1].value, results[3].value, good.stats.calls, store.get("b")], ["B", "B", 1, "B"], `key b (seed ${seed})`);
  }
});

test("cache errors count as misses and do not fail the read", { category: "treats cache errors as misses and still returns the loaded value" }, async (t: any) => {
  const cache = {
    async get(_key: string): Promise<unknown> {
      await t.point("cache.get");
      throw new Error("ECONNREFUSED");
    },
    async set(_key: string, _value: unknown): Promise<void> {
      await t.point("cache.set");
      throw new Error("ECONNREFUSED");
    },
  };
  const products = t.exports.createCacheAside({ cache });
  const { stats, loader } = fakeLoader(t, { id: 9 });
  const { results } = await t.concurrently([1, 2, 3].map(() => () => products.get("p:9", loader)), { seed: 4 });
  t.assert.equal(results.map((r: any) => r.status), ["fulfilled", "fulfilled", "fulfilled"], "statuses with the cache down");
  t.assert.equal(results.map((r: any) => r.value), [{ id: 9 }, { id: 9 }, { id: 9 }], "values with the cache down");
  t.assert.equal(stats.calls, 1, "loader calls with the cache down");
});
