const make = (clock: any, defaultTtlMs = 1000, sweepIntervalMs = 5000) =>
  ({ defaultTtlMs, sweepIntervalMs, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout });

test("set on an existing key restarts its TTL", { category: "set on an existing key restarts the TTL" }, async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock));
  cache.set("k", "v1");
  await clock.advance(800);
  cache.set("k", "v2");
  await clock.advance(800);
  assert.equal(cache.get("k"), "v2", "1600 ms after the first set, 800 ms after the second");
  await clock.advance(199);
  assert.equal(cache.get("k"), "v2", "999 ms after the second set");
  await clock.advance(1);
  assert.equal(cache.get("k"), undefined, "1000 ms after the second set");
  cache.close();
});

test("set with a new TTL replaces the old one", { category: "set on an existing key restarts the TTL" }, async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock));
  cache.set("k", 1, 100);
  await clock.advance(50);
  cache.set("k", 2, 5000);
  await clock.advance(4000);
  assert.equal(cache.get("k"), 2, "the 5000 ms TTL of the second set applies");
  cache.close();
});

test("reading does not extend the TTL", { category: "reads do not extend the TTL" }, async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock));
  cache.set("k", 1);
  for (let i = 0; i < 9; i++) {
    await clock.advance(100);
    cache.get("k");
    cache.has("k");
  }
  await clock.advance(100);
  assert.equal(cache.get("k"), undefined, "after 1000 ms of frequent reads");
  cache.close();
});

test("size counts only live entries, even before a sweep", { category: "size() counts only live entries" }, async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock, 1000, 60_000));
  for (let i = 0; i < 5; i++) cache.set(`short${i}`, i, 500);
  for (let i = 0; i < 3; i++) cache.set(`long${i}`, i, 5000);
  assert.equal(cache.size(), 8, "all live");
  await clock.advance(500);
  assert.equal(cache.size(), 3, "after the short ones expired, with no sweep yet");
  cache.close();
});

test("reading an expired entry removes it from memory", { category: "removes an expired entry when it is touched" }, async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock, 1000, 60_000));
  cache.set("a", 1);
  cache.set("b", 2);
  cache.set("c", 3);
  await clock.advance(1000);
  assert.equal(cache.storedCount(), 3, "nothing swept yet");
  cache.get("a");
  cache.has("b");
  assert.equal(cache.storedCount(), 1, "after get and has touched two expired entries");
  assert.equal(cache.delete("c"), false, "delete of an expired entry");
  assert.equal(cache.storedCount(), 0, "after delete of the expired entry");
  cache.close();
});

test("the periodic sweep removes expired entries nobody reads", { category: "keeps sweeping expired entries every sweepIntervalMs, even without reads" }, async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock, 1000, 5000));
  for (let i = 0; i < 500; i++) cache.set(`k${i}`, i);
  cache.set("keeper", "x", 60_000);
  await clock.advance(1000 + 5000);
  assert.equal(cache.storedCount(), 1, "held after TTL + one sweep interval, with no reads");
  assert.equal(cache.get("keeper"), "x", "the live entry survives the sweep");
  cache.close();
});

test("memory stays bounded under a stream of unique keys", { category: "keeps sweeping expired entries every sweepIntervalMs, even without reads" }, async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock, 1000, 2000));
  let maxHeld = 0;
  // 20 new keys every 100 ms for 60 s, none read again: 200 per second.
  for (let step = 0; step < 600; step++) {
    for (let j = 0; j < 20; j++) cache.set(`req:${step}:${j}`, step);
    maxHeld = Math.max(maxHeld, cache.storedCount());
    await clock.advance(100);
  }
  // At most (TTL + sweep interval) worth of writes can be held: 3 s × 200/s.
  assert.atMost(maxHeld, 600, "the most entries held at once over 60 s");
  assert.atMost(cache.size(), 200, "live entries at the end");
  cache.close();
});

test("sweep() removes only expired entries and reports how many", { category: "sweep() removes exactly the expired entries" }, async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock, 1000, 60_000));
  cache.set("a", 1, 100);
  cache.set("b", 2, 200);
  cache.set("c", 3, 300);
  await clock.advance(200);
  assert.equal(cache.sweep(), 2, "entries removed by a sweep at 200 ms");
  assert.equal([cache.storedCount(), cache.get("c")], [1, 3], "what is left");
  assert.equal(cache.sweep(), 0, "a second sweep removes nothing");
  cache.close();
});

test("after close no timer remains and the cache still expires lazily", { category: "close() cancels the sweep and the cache keeps working" }, async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock, 1000, 300));
  await clock.advance(1000); // a few sweeps have run and re-armed
  cache.close();
  assert.equal(clock.pendingTimers(), 0, "timers left after close");
  cache.set("a", 1);
  await clock.advance(999);
  assert.equal(cache.get("a"), 1, "live after close");
  await clock.advance(1);
  assert.equal(cache.get("a"), undefined, "expired after close");
});
