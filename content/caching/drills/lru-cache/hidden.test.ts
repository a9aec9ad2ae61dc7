test("set on an existing key updates the value and refreshes recency", { category: "set on an existing key makes it the most recently used" }, ({ exports, assert }) => {
  const evicted: unknown[] = [];
  const cache = exports.createLruCache({ capacity: 3, onEvict: (k: string, v: number) => evicted.push([k, v]) });
  cache.set("a", 1);
  cache.set("b", 2);
  cache.set("c", 3);
  cache.set("a", 10);
  assert.equal(evicted, [], "overwriting a key evicts nothing");
  assert.equal(cache.size(), 3, "size after overwrite");
  cache.set("d", 4);
  assert.equal(evicted, [["b", 2]], "b, not the rewritten a, is evicted");
  assert.equal(cache.get("a"), 10, "the new value of a");
  assert.equal(cache.keys(), ["c", "d", "a"], "order after the overwrite, the eviction and a get");
});

test("a hot key that is only ever rewritten survives", { category: "set on an existing key makes it the most recently used" }, ({ exports, assert }) => {
  const cache = exports.createLruCache({ capacity: 3 });
  cache.set("config", 0);
  for (let i = 1; i <= 20; i++) {
    cache.set("config", i);
    cache.set(`req-${i}`, i);
  }
  assert.equal(cache.get("config"), 20, "the rewritten key is still cached");
});

test("has does not change recency", { category: "has does not refresh recency" }, ({ exports, assert }) => {
  const evicted: string[] = [];
  const cache = exports.createLruCache({ capacity: 2, onEvict: (k: string) => evicted.push(k) });
  cache.set("a", 1);
  cache.set("b", 2);
  assert.equal(cache.has("a"), true, "has a");
  cache.set("c", 3);
  assert.equal(evicted, ["a"], "a is still the least recently used");
});

test("falsy values are hits and refresh recency", { category: "treats falsy values as cache hits" }, ({ exports, assert }) => {
  const evicted: string[] = [];
  const cache = exports.createLruCache({ capacity: 4, onEvict: (k: string) => evicted.push(k) });
  cache.set("zero", 0);
  cache.set("empty", "");
  cache.set("no", false);
  cache.set("nil", null);
  assert.equal([cache.get("zero"), cache.get("empty"), cache.get("no"), cache.get("nil")], [0, "", false, null], "falsy values read back");
  cache.get("zero");
  cache.set("x", 1);
  assert.equal(evicted, ["empty"], "reading 0 refreshed it, so the next oldest goes");
});

test("onEvict runs once per overflowing set, after the entry is gone", { category: "calls onEvict exactly once per eviction, after removing the entry" }, ({ exports, assert }) => {
  const calls: unknown[] = [];
  let cache: any;
  cache = exports.createLruCache({
    capacity: 2,
    onEvict: (k: number, v: string) => calls.push({ k, v, stillThere: cache.has(k), size: cache.size() }),
  });
  for (let i = 1; i <= 5; i++) cache.set(i, `v${i}`);
  assert.equal(
    calls,
    [
      { k: 1, v: "v1", stillThere: false, size: 2 },
      { k: 2, v: "v2", stillThere: false, size: 2 },
      { k: 3, v: "v3", stillThere: false, size: 2 },
    ],
    "one call per eviction with the evicted key and value",
  );
  assert.equal(cache.keys(), [4, 5], "numeric keys kept");
});

test("capacity 1 keeps only the latest key, and bad capacities throw", { category: "handles capacity 1 and rejects a capacity that is not an integer ≥ 1" }, ({ exports, assert }) => {
  const cache = exports.createLruCache({ capacity: 1 });
  cache.set("a", 1);
  cache.set("b", 2);
  assert.equal([cache.get("a"), cache.get("b"), cache.size()], [undefined, 2, 1], "after two sets into capacity 1");
  cache.set("b", 3);
  assert.equal(cache.get("b"), 3, "overwrite in capacity 1");
  assert.throws(() => exports.createLruCache({ capacity: 0 }), undefined, "capacity 0");
  assert.throws(() => exports.createLruCache({ capacity: 2.5 }), undefined, "capacity 2.5");
});

test("random workload matches a reference model", { category: "keeps the right entries in the right order under a mixed workload" }, ({ exports, assert, random }) => {
  const cap = 20;
  const cache = exports.createLruCache({ capacity: cap });
  const model = new Map<number, number>();
  for (let i = 0; i < 3000; i++) {
    const key = Math.floor(random() * 40);
    const r = random();
    if (r < 0.45) {
      const expected = model.has(key) ? model.get(key) : undefined;
      if (model.has(key)) {
        model.delete(key);
        model.set(key, expected as number);
      }
      const got = cache.get(key);
      if (got !== expected) {
        assert.equal(got, expected, `get(${key}) at step ${i}`);
        return;
      }
    } else if (r < 0.9) {
      model.delete(key);
      model.set(key, i);
      if (model.size > cap) model.delete(model.keys().next().value as number);
      cache.set(key, i);
    } else {
      const had = model.delete(key);
      const got = cache.delete(key);
      if (got !== had) {
        assert.equal(got, had, `delete(${key}) at step ${i}`);
        return;
      }
    }
  }
  assert.equal(cache.keys(), [...model.keys()], "keys after 3000 random operations");
});

test("a busy 100,000-entry cache stays within the time limit", { category: "get, set and eviction run in O(1), not a linear scan" }, ({ exports, assert, random }) => {
  const cap = 100_000;
  const cold = 2_000; // user:0 … user:1999 are never touched again after the fill
  const evicted: string[] = [];
  const cache = exports.createLruCache({ capacity: cap, onEvict: (k: string) => void evicted.push(k) });
  for (let i = 0; i < cap; i++) cache.set(`user:${i}`, i);
  // Hot keys: the most recently used ones are read and rewritten again and again.
  const hot: string[] = [];
  for (let i = cap - 32; i < cap; i++) hot.push(`user:${i}`);
  let hotReads = 0;
  let hotHits = 0;
  let inserted = 0;
  for (let i = 0; i < 60_000; i++) {
    const r = random();
    if (r < 0.3) {
      const key = hot[Math.floor(random() * hot.length)]!;
      if (random() < 0.5) {
        hotReads++;
        if (cache.get(key) !== undefined) hotHits++;
      } else {
        cache.set(key, i);
      }
    } else if (r < 0.7) {
      // A read of a key anywhere in the recency order (it may have been evicted by now).
      cache.get(`user:${cold + Math.floor(random() * (cap - cold))}`);
    } else {
      cache.set(`new:${inserted++}`, i); // the cache is full: every new key evicts one
    }
  }
  assert.equal(cache.size(), cap, "the cache stays at capacity");
  assert.equal(evicted.length, inserted, "one eviction per new key once full");
  assert.equal(hotHits, hotReads, "every read of a hot key hits");
  const expectedFirst = Array.from({ length: cold }, (_, i) => `user:${i}`);
  assert.equal(evicted.slice(0, cold), expectedFirst, "the never-touched keys are evicted first, oldest first");
  assert.equal(hot.every((k) => cache.has(k)), true, "every hot key survived");
});
