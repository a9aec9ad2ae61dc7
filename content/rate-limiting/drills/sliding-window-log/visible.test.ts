test("allows up to the limit inside the window, then rejects", async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowLog({ limit: 3, windowMs: 1000, now: clock.now });
  for (let i = 0; i < 3; i++) {
    assert.equal(rl.tryAcquire("a"), { allowed: true, retryAfterMs: 0 }, `request ${i + 1} at t = ${i * 100} ms`);
    await clock.advance(100);
  }
  assert.equal(rl.tryAcquire("a"), { allowed: false, retryAfterMs: 700 }, "4th request at t = 300 ms (the first leaves at 1000 ms)");
});

test("a request leaves the window exactly windowMs after it was accepted", async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowLog({ limit: 2, windowMs: 1000, now: clock.now });
  assert.equal(rl.tryAcquire("a").allowed, true, "first request at t = 0");
  await clock.advance(999);
  assert.equal(rl.tryAcquire("a").allowed, true, "second request at t = 999 ms");
  await clock.advance(1);
  assert.equal(rl.tryAcquire("a").allowed, true, "at t = 1000 ms the request from t = 0 has left the window");
  assert.equal(rl.tryAcquire("a"), { allowed: false, retryAfterMs: 999 }, "again at t = 1000 ms: requests from 999 and 1000 are inside");
});

test("keys are limited independently", async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowLog({ limit: 1, windowMs: 1000, now: clock.now });
  assert.equal(rl.tryAcquire("alice").allowed, true, "alice's first request");
  await clock.advance(10);
  assert.equal(rl.tryAcquire("bob").allowed, true, "bob's first request, after alice used hers");
  assert.equal(rl.tryAcquire("alice").allowed, false, "alice's second request");
});

test("prune forgets keys whose requests have all left the window", async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowLog({ limit: 2, windowMs: 1000, now: clock.now });
  rl.tryAcquire("a");
  await clock.advance(400);
  rl.tryAcquire("a");
  rl.tryAcquire("b");
  assert.equal(rl.stats(), { keys: 2, entries: 3 }, "stats at t = 400 ms");
  await clock.advance(5000);
  rl.prune();
  assert.equal(rl.stats(), { keys: 0, entries: 0 }, "stats after pruning at t = 5400 ms");
});
