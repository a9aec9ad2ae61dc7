// The virtual clock starts at 1 700 000 000 000 ms, a multiple of 10 000: with windowMs = 10 000
// these tests start exactly at the beginning of a window.

test("counts down remaining, then rejects with the seconds until the reset", ({ exports, clock, assert }) => {
  const rl = exports.createFixedWindowLimiter({ limit: 3, windowMs: 10_000, now: clock.now });
  assert.equal(rl.hit("k"), { allowed: true, remaining: 2, retryAfterSeconds: 0 }, "1st hit");
  assert.equal(rl.hit("k"), { allowed: true, remaining: 1, retryAfterSeconds: 0 }, "2nd hit");
  assert.equal(rl.hit("k"), { allowed: true, remaining: 0, retryAfterSeconds: 0 }, "3rd hit");
  assert.equal(rl.hit("k"), { allowed: false, remaining: 0, retryAfterSeconds: 10 }, "4th hit, 10 s before the reset");
});

test("Retry-After counts down to the reset, then a new window starts", async ({ exports, clock, assert }) => {
  const rl = exports.createFixedWindowLimiter({ limit: 1, windowMs: 10_000, now: clock.now });
  rl.hit("k");
  await clock.advance(2000);
  assert.equal(rl.hit("k").retryAfterSeconds, 8, "at t = 2 s");
  await clock.advance(7000);
  assert.equal(rl.hit("k").retryAfterSeconds, 1, "at t = 9 s");
  await clock.advance(1000);
  assert.equal(rl.hit("k"), { allowed: true, remaining: 0, retryAfterSeconds: 0 }, "at t = 10 s, in the next window");
});

test("keys are limited independently", ({ exports, clock, assert }) => {
  const rl = exports.createFixedWindowLimiter({ limit: 1, windowMs: 10_000, now: clock.now });
  assert.equal(rl.hit("alice").allowed, true, "alice's first hit");
  assert.equal(rl.hit("alice").allowed, false, "alice's second hit");
  assert.equal(rl.hit("bob"), { allowed: true, remaining: 0, retryAfterSeconds: 0 }, "bob's first hit");
});
