// The virtual clock starts at 1 700 000 000 000 ms, a multiple of 10 000: with windowMs = 10 000
// the tests start exactly at the beginning of a window.

test("in a fresh window, allows up to the limit and then rejects", ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowCounter({ limit: 3, windowMs: 10_000, now: clock.now });
  assert.equal(rl.tryAcquire("k"), { allowed: true, estimate: 0 }, "1st request");
  assert.equal(rl.tryAcquire("k"), { allowed: true, estimate: 1 }, "2nd request");
  assert.equal(rl.tryAcquire("k"), { allowed: true, estimate: 2 }, "3rd request");
  assert.equal(rl.tryAcquire("k"), { allowed: false, estimate: 3 }, "4th request");
});

test("halfway through the next window, the previous window counts half", async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowCounter({ limit: 4, windowMs: 10_000, now: clock.now });
  for (let i = 0; i < 4; i++) rl.tryAcquire("k");
  await clock.advance(15_000); // 5 s into the next window
  const first = rl.tryAcquire("k");
  assert.equal(first.allowed, true, "first request 5 s into the next window");
  assert.closeTo(first.estimate, 2, 1e-9, "estimate = 4 × 0.5 + 0");
  assert.equal(rl.tryAcquire("k").allowed, true, "second request (estimate 3)");
  const third = rl.tryAcquire("k");
  assert.equal(third.allowed, false, "third request (estimate 4 is not below the limit)");
  assert.closeTo(third.estimate, 4, 1e-9, "estimate of the rejected request");
});

test("keys are limited independently", ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowCounter({ limit: 1, windowMs: 10_000, now: clock.now });
  assert.equal(rl.tryAcquire("alice").allowed, true, "alice's first request");
  assert.equal(rl.tryAcquire("alice").allowed, false, "alice's second request");
  assert.equal(rl.tryAcquire("bob"), { allowed: true, estimate: 0 }, "bob's first request");
});
