test("returns stored values and undefined for a missing key", ({ exports, assert }) => {
  const cache = exports.createLruCache({ capacity: 3 });
  cache.set("a", 1);
  cache.set("b", 2);
  assert.equal(cache.get("a"), 1, "get of a stored key");
  assert.equal(cache.get("zzz"), undefined, "get of a key that was never set");
  assert.equal(cache.size(), 2, "size after two sets");
});

test("evicts the least recently used entry when full and reports it", ({ exports, assert }) => {
  const evicted: unknown[] = [];
  const cache = exports.createLruCache({ capacity: 2, onEvict: (k: string, v: number) => evicted.push([k, v]) });
  cache.set("a", 1);
  cache.set("b", 2);
  cache.set("c", 3);
  assert.equal(evicted, [["a", 1]], "onEvict calls after the third set into a cache of 2");
  assert.equal(cache.has("a"), false, "the evicted key is gone");
  assert.equal(cache.keys(), ["b", "c"], "keys from least to most recently used");
});

test("get makes an entry the most recently used", ({ exports, assert }) => {
  const evicted: string[] = [];
  const cache = exports.createLruCache({ capacity: 2, onEvict: (k: string) => evicted.push(k) });
  cache.set("a", 1);
  cache.set("b", 2);
  assert.equal(cache.get("a"), 1, "get a");
  cache.set("c", 3);
  assert.equal(evicted, ["b"], "b was the least recently used after reading a");
  assert.equal(cache.keys(), ["a", "c"], "keys after the eviction");
});

test("delete frees a slot without calling onEvict", ({ exports, assert }) => {
  const evicted: string[] = [];
  const cache = exports.createLruCache({ capacity: 2, onEvict: (k: string) => evicted.push(k) });
  cache.set("a", 1);
  cache.set("b", 2);
  assert.equal(cache.delete("a"), true, "delete of a present key");
  assert.equal(cache.delete("a"), false, "delete of an absent key");
  cache.set("c", 3);
  assert.equal(evicted, [], "no eviction: the delete made room");
  assert.equal(cache.keys(), ["b", "c"], "keys after delete and set");
});
