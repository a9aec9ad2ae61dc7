const make = (clock: any, defaultTtlMs = 1000, sweepIntervalMs = 5000) =>
  ({ defaultTtlMs, sweepIntervalMs, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout });

test("an entry lives for its TTL and is gone at the deadline", async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock));
  cache.set("a", "alpha");
  await clock.advance(999);
  assert.equal(cache.get("a"), "alpha", "at 999 ms of a 1000 ms TTL");
  await clock.advance(1);
  assert.equal(cache.get("a"), undefined, "at 1000 ms");
  assert.equal(cache.has("a"), false, "has at 1000 ms");
  cache.close();
});

test("a per-entry TTL overrides the default", async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock));
  cache.set("short", 1, 200);
  cache.set("long", 2, 3000);
  await clock.advance(200);
  assert.equal(cache.get("short"), undefined, "200 ms entry after 200 ms");
  await clock.advance(2000);
  assert.equal(cache.get("long"), 2, "3000 ms entry after 2200 ms");
  cache.close();
});

test("delete removes a live entry", ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock));
  cache.set("a", 1);
  assert.equal(cache.delete("a"), true, "delete of a live entry");
  assert.equal(cache.delete("a"), false, "second delete");
  assert.equal(cache.get("a"), undefined, "get after delete");
  cache.close();
});

test("close leaves no timer behind", async ({ exports, clock, assert }) => {
  const cache = exports.createTtlCache(make(clock));
  cache.set("a", 1);
  await clock.advance(12_000);
  cache.close();
  assert.equal(clock.pendingTimers(), 0, "timers left after close");
});
