// Fakes: every call awaits a t.point first, so t.concurrently can interleave reads and writes there.
function fakes(t: any, rows: Record<string, unknown> = {}) {
  const table = new Map<string, unknown>(Object.entries(rows));
  const store = new Map<string, unknown>();
  const stats = { dbReads: 0 };
  const db = {
    async read(key: string) {
      stats.dbReads++;
      await t.point(`db.read ${key}`);
      return table.get(key);
    },
    async write(key: string, value: unknown) {
      await t.point(`db.write ${key}`);
      table.set(key, value);
    },
  };
  const cache = {
    async get(key: string) {
      await t.point(`cache.get ${key}`);
      return store.get(key);
    },
    async set(key: string, value: unknown) {
      await t.point(`cache.set ${key}`);
      store.set(key, value);
    },
    async delete(key: string) {
      await t.point(`cache.delete ${key}`);
      store.delete(key);
    },
  };
  return { db, cache, table, store, stats };
}

test("a miss reads the database and fills the cache; the next read is a hit", async (t: any) => {
  const f = fakes(t, { "user:1": { name: "Ada" } });
  const repo = t.exports.createRepository({ db: f.db, cache: f.cache });
  t.assert.equal(await repo.read("user:1"), { name: "Ada" }, "first read");
  t.assert.equal(f.store.get("user:1"), { name: "Ada" }, "cached after the first read");
  t.assert.equal(await repo.read("user:1"), { name: "Ada" }, "second read");
  t.assert.equal(f.stats.dbReads, 1, "database reads over two reads");
});

test("a write updates the database and deletes the cached key", async (t: any) => {
  const f = fakes(t, { "user:1": "v1" });
  const repo = t.exports.createRepository({ db: f.db, cache: f.cache });
  await repo.read("user:1");
  await repo.write("user:1", "v2");
  t.assert.equal(f.table.get("user:1"), "v2", "database after the write");
  t.assert.equal(f.store.has("user:1"), false, "the cached key is gone once write() resolves");
  t.assert.equal(await repo.read("user:1"), "v2", "read after the write");
  t.assert.equal(f.store.get("user:1"), "v2", "the new value is cached by that read");
});

test("a missing row is returned as undefined and not cached", async (t: any) => {
  const f = fakes(t);
  const repo = t.exports.createRepository({ db: f.db, cache: f.cache });
  t.assert.equal(await repo.read("nope"), undefined, "read of a missing row");
  t.assert.equal(f.store.has("nope"), false, "nothing cached for a missing row");
});

test("a read racing a write leaves no stale value (one schedule)", async (t: any) => {
  const f = fakes(t, { k: "v1" });
  const repo = t.exports.createRepository({ db: f.db, cache: f.cache });
  const { results } = await t.concurrently([() => repo.read("k"), () => repo.write("k", "v2"), () => repo.read("k")], { seed: 1 });
  t.assert.equal(results.map((r: any) => r.status), ["fulfilled", "fulfilled", "fulfilled"], "all three calls succeed");
  const cached = f.store.get("k");
  t.assert.ok(cached === undefined || cached === "v2", `the cache holds nothing or the current value, not ${JSON.stringify(cached)}`);
});
