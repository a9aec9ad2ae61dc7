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

const fresh = (f: any, key: string) => f.store.get(key) === undefined || f.store.get(key) === f.table.get(key);

test("a read that fetched the old row before a write does not cache it afterwards", { category: "does not refill the cache with a value read before a write" }, async (t: any) => {
  const f = fakes(t, { k: "v1" });
  let releaseRead: () => void = () => {};
  let slow = true;
  f.db.read = async (key: string) => {
    const row = f.table.get(key); // the first SELECT sees v1 ...
    if (slow) {
      slow = false;
      await new Promise<void>((resolve) => (releaseRead = resolve)); // ... and its result is slow to arrive
    }
    return row;
  };
  const repo = t.exports.createRepository({ db: f.db, cache: f.cache });
  const read = repo.read("k");
  await t.clock.advance(0);
  const write = repo.write("k", "v2");
  await t.clock.advance(0); // the write commits and deletes the key
  releaseRead();
  const [got] = await Promise.all([read, write]);
  t.assert.equal(got, "v1", "the raced read returns what it read");
  t.assert.ok(fresh(f, "k"), `the cache holds nothing or v2 after the raced read, not ${JSON.stringify(f.store.get("k"))}`);
  t.assert.equal(await repo.read("k"), "v2", "the next read");
});

test("a write whose delete lands before the read's fill does not leave the old value", { category: "leaves no stale entry when a write's delete lands before the read's cache.set" }, async (t: any) => {
  const f = fakes(t, { k: "v1" });
  const pendingSets: Array<() => void> = [];
  f.cache.set = async (key: string, value: unknown) => {
    await new Promise<void>((resolve) => pendingSets.push(resolve)); // the SET is slow to land
    f.store.set(key, value);
  };
  const repo = t.exports.createRepository({ db: f.db, cache: f.cache });
  const read = repo.read("k");
  await t.clock.advance(0); // the read has v1 and its cache.set is in flight
  const write = repo.write("k", "v2");
  await t.clock.advance(0); // the write commits and its delete lands first
  for (let i = 0; i < 5 && pendingSets.length; i++) {
    pendingSets.shift()!();
    await t.clock.advance(0);
  }
  await Promise.all([read, write]);
  while (pendingSets.length) pendingSets.shift()!();
  await t.clock.advance(0);
  t.assert.equal(f.table.get("k"), "v2", "database after the write");
  t.assert.ok(fresh(f, "k"), `the cache holds nothing or v2, not ${JSON.stringify(f.store.get("k"))}`);
});

test("reads and a write under many interleavings leave no stale entry", { category: "does not refill the cache with a value read before a write" }, async (t: any) => {
  for (let seed = 1; seed <= 40; seed++) {
    const f = fakes(t, { k: "v1" });
    const repo = t.exports.createRepository({ db: f.db, cache: f.cache });
    const { results } = await t.concurrently([() => repo.read("k"), () => repo.write("k", "v2"), () => repo.read("k")], { seed });
    if (!fresh(f, "k")) {
      t.assert.equal(f.store.get("k"), f.table.get("k"), `cache vs database after read ‖ write ‖ read (seed ${seed})`);
      return;
    }
    const values = [results[0].value, results[2].value];
    if (!values.every((v: unknown) => v === "v1" || v === "v2")) {
      t.assert.equal(values, ["v1 or v2", "v1 or v2"], `values returned by the reads (seed ${seed})`);
      return;
    }
  }
  t.assert.ok(true, "every schedule left the cache empty or current");
});

test("two writers and two readers under many interleavings leave no stale entry", { category: "leaves no stale entry when a write's delete lands before the read's cache.set" }, async (t: any) => {
  for (let seed = 100; seed <= 140; seed++) {
    const f = fakes(t, { k: "v1" });
    const repo = t.exports.createRepository({ db: f.db, cache: f.cache });
    await t.concurrently([() => repo.read("k"), () => repo.write("k", "v2"), () => repo.read("k"), () => repo.write("k", "v3")], { seed });
    if (!fresh(f, "k")) {
      t.assert.equal(f.store.get("k"), f.table.get("k"), `cache vs database after two reads and two writes (seed ${seed})`);
      return;
    }
  }
  t.assert.ok(true, "every schedule left the cache empty or current");
});

test("after a raced write, later reads fill the cache again", { category: "reads after a write fill the cache again" }, async (t: any) => {
  const f = fakes(t, { k: "v1" });
  const repo = t.exports.createRepository({ db: f.db, cache: f.cache });
  await t.concurrently([() => repo.read("k"), () => repo.write("k", "v2"), () => repo.read("k")], { seed: 2 });
  t.assert.equal(await repo.read("k"), "v2", "read after the race");
  t.assert.equal(f.store.get("k"), "v2", "the read after the race fills the cache");
  const before = f.stats.dbReads;
  t.assert.equal(await repo.read("k"), "v2", "another read");
  t.assert.equal(f.stats.dbReads, before, "the other read is a cache hit");
});

test("a write to one key does not stop a read of another key from filling", { category: "a write to one key does not stop reads of other keys from filling the cache" }, async (t: any) => {
  const f = fakes(t, { a: "A1", b: "B1" });
  const realRead = f.db.read;
  let releaseRead: () => void = () => {};
  let slow = true;
  f.db.read = async (key: string) => {
    if (key === "a" && slow) {
      slow = false;
      await new Promise<void>((resolve) => (releaseRead = resolve));
    }
    return realRead(key);
  };
  const repo = t.exports.createRepository({ db: f.db, cache: f.cache });
  const read = repo.read("a");
  await t.clock.advance(0);
  await repo.write("b", "B2");
  releaseRead();
  t.assert.equal(await read, "A1", "read of a");
  t.assert.equal(f.store.get("a"), "A1", "a is cached although b was written meanwhile");
});

test("a missing row that is written later can be read and cached", { category: "does not cache a missing row, and caches it once a write creates it" }, async (t: any) => {
  const f = fakes(t);
  const repo = t.exports.createRepository({ db: f.db, cache: f.cache });
  t.assert.equal(await repo.read("new"), undefined, "read before the row exists");
  t.assert.equal(f.store.has("new"), false, "nothing cached for the missing row");
  await repo.write("new", 1);
  t.assert.equal(await repo.read("new"), 1, "read after the write");
  t.assert.equal(f.store.get("new"), 1, "cached after the write");
});
