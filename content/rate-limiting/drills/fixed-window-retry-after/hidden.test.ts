test("a fractional number of seconds is rounded up", { category: "rounds Retry-After up to whole seconds" }, async ({ exports, clock, assert }) => {
  const rl = exports.createFixedWindowLimiter({ limit: 1, windowMs: 10_000, now: clock.now });
  rl.hit("k");
  await clock.advance(2001);
  assert.equal(rl.hit("k").retryAfterSeconds, 8, "7.999 s before the reset");
  await clock.advance(2499);
  assert.equal(rl.hit("k").retryAfterSeconds, 6, "5.5 s before the reset");
});

test("the last moments of a window still say at least one second", { category: "rounds Retry-After up to whole seconds" }, async ({ exports, clock, assert }) => {
  const rl = exports.createFixedWindowLimiter({ limit: 1, windowMs: 10_000, now: clock.now });
  rl.hit("k");
  await clock.advance(9_999);
  assert.equal(rl.hit("k"), { allowed: false, remaining: 0, retryAfterSeconds: 1 }, "1 ms before the reset");
});

test("sub-second windows round up to one second", { category: "rounds Retry-After up to whole seconds" }, async ({ exports, clock, assert }) => {
  const rl = exports.createFixedWindowLimiter({ limit: 2, windowMs: 500, now: clock.now });
  rl.hit("k");
  await clock.advance(100);
  rl.hit("k");
  assert.equal(rl.hit("k").retryAfterSeconds, 1, "400 ms before the reset");
});

test("a window started mid-minute resets at the minute, not 60 s after the first request", { category: "aligns windows to the clock" }, async ({ exports, clock, assert }) => {
  // The clock starts 20 s into a 60 s window.
  const rl = exports.createFixedWindowLimiter({ limit: 2, windowMs: 60_000, now: clock.now });
  rl.hit("k");
  rl.hit("k");
  assert.equal(rl.hit("k"), { allowed: false, remaining: 0, retryAfterSeconds: 40 }, "third hit, 40 s before the reset");
  await clock.advance(500);
  assert.equal(rl.hit("k").retryAfterSeconds, 40, "39.5 s before the reset");
  await clock.advance(39_500);
  assert.equal(rl.hit("k"), { allowed: true, remaining: 1, retryAfterSeconds: 0 }, "at the minute: a new window");
});

test("a key's later windows line up with the clock too", { category: "aligns windows to the clock" }, async ({ exports, clock, assert }) => {
  const rl = exports.createFixedWindowLimiter({ limit: 1, windowMs: 10_000, now: clock.now });
  await clock.advance(3_000);
  rl.hit("k"); // 3 s into a window
  await clock.advance(8_000); // 1 s into the next window
  assert.equal(rl.hit("k").allowed, true, "first hit in the next window");
  assert.equal(rl.hit("k").retryAfterSeconds, 9, "second hit, 9 s before that window resets");
});

test("the window resets exactly at its boundary", { category: "resets exactly at the window boundary" }, async ({ exports, clock, assert }) => {
  const rl = exports.createFixedWindowLimiter({ limit: 2, windowMs: 10_000, now: clock.now });
  rl.hit("k");
  rl.hit("k");
  await clock.advance(9_999);
  assert.equal(rl.hit("k").allowed, false, "1 ms before the boundary");
  await clock.advance(1);
  assert.equal(rl.hit("k"), { allowed: true, remaining: 1, retryAfterSeconds: 0 }, "at the boundary");
});

test("rejected hits do not count and remaining never goes negative", { category: "reports the remaining requests correctly" }, async ({ exports, clock, assert }) => {
  const rl = exports.createFixedWindowLimiter({ limit: 2, windowMs: 10_000, now: clock.now });
  const results = [1, 2, 3, 4, 5].map(() => rl.hit("k"));
  assert.equal(results.map((r) => r.allowed), [true, true, false, false, false], "allowed for five hits against a limit of 2");
  assert.equal(results.map((r) => r.remaining), [1, 0, 0, 0, 0], "remaining for the five hits");
  await clock.advance(10_000);
  assert.equal(rl.hit("k").remaining, 1, "first hit of the next window");
});

test("a key idle for several windows starts from zero", { category: "starts each window from zero" }, async ({ exports, clock, assert }) => {
  const rl = exports.createFixedWindowLimiter({ limit: 3, windowMs: 10_000, now: clock.now });
  for (let i = 0; i < 5; i++) rl.hit("k");
  await clock.advance(35_000);
  const got = [1, 2, 3, 4].map(() => rl.hit("k").allowed);
  assert.equal(got, [true, true, true, false], "hits 35 s later");
});
