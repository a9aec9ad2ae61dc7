// Fakes: every await inside them is a t.point, so t.concurrently can interleave callers there.
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

function fakeLoader(t: any, value: unknown) {
  const stats = { calls: 0 };
  const loader = async () => {
    stats.calls++;
    await t.point("db.query");
    await t.point("db.rows");
    return value;
  };
  return { stats, loader };
}

test("a hit returns the cached value without calling the loader", async (t: any) => {
  const { cache } = fakeCache(t, { "p:1": { id: 1, name: "cached" } });
  const { stats, loader } = fakeLoader(t, { id: 1, name: "from db" });
  const products = t.exports.createCacheAside({ cache });
  t.assert.equal(await products.get("p:1", loader), { id: 1, name: "cached" }, "value for a cached key");
  t.assert.equal(stats.calls, 0, "loader calls on a hit");
});

test("a miss loads, stores the value, and the next call hits", async (t: any) => {
  const { store, cache } = fakeCache(t);
  const { stats, loader } = fakeLoader(t, { id: 2 });
  const products = t.exports.createCacheAside({ cache });
  t.assert.equal(await products.get("p:2", loader), { id: 2 }, "value on a miss");
  t.assert.equal(store.get("p:2"), { id: 2 }, "value stored in the cache");
  t.assert.equal(await products.get("p:2", loader), { id: 2 }, "value on the second call");
  t.assert.equal(stats.calls, 1, "loader calls over two gets");
});

test("four concurrent misses share one load", async (t: any) => {
  const { cache } = fakeCache(t);
  const { stats, loader } = fakeLoader(t, { id: 42 });
  const products = t.exports.createCacheAside({ cache });
  const { results } = await t.concurrently([1, 2, 3, 4].map(() => () => products.get("p:42", loader)), { seed: 1 });
  t.assert.equal(results.map((r: any) => r.status), ["fulfilled", "fulfilled", "fulfilled", "fulfilled"], "every caller succeeds");
  t.assert.equal(results.map((r: any) => r.value), [{ id: 42 }, { id: 42 }, { id: 42 }, { id: 42 }], "every caller gets the loaded value");
  t.assert.equal(stats.calls, 1, "loader calls for four concurrent misses");
});

test("a failed load rejects with the loader's error", async (t: any) => {
  const { store, cache } = fakeCache(t);
  const products = t.exports.createCacheAside({ cache });
  await t.assert.rejects(
    products.get("p:3", async () => {
      await t.point("db.query");
      throw new Error("db timeout");
    }),
    "db timeout",
    "get when the loader fails",
  );
  t.assert.equal(store.has("p:3"), false, "nothing is stored after a failed load");
});
