function allowedInARow(rl: any, key: string, max = 1000): number {
  let n = 0;
  while (n < max && rl.tryAcquire(key).allowed) n++;
  return n;
}

test("the worked example: 80 before, 30 now, 15 s into a 60 s window", { category: "weights the previous window by the part that still overlaps" }, async ({ exports, clock, assert }) => {
  // The clock starts 20 s into a 60 s window.
  const rl = exports.createSlidingWindowCounter({ limit: 100, windowMs: 60_000, now: clock.now });
  for (let i = 0; i < 80; i++) rl.tryAcquire("k");
  await clock.advance(40_000 + 15_000); // 15 s into the next window
  for (let i = 0; i < 30; i++) rl.tryAcquire("k");
  const d = rl.tryAcquire("k");
  assert.equal(d.allowed, true, "31st request 15 s into the window");
  assert.closeTo(d.estimate, 90, 1e-9, "estimate = 80 × 45/60 + 30");
  assert.equal(1 + allowedInARow(rl, "k"), 10, "requests allowed from current = 30 on");
});

test("a quarter of the way through, the previous window still weighs three quarters", { category: "weights the previous window by the part that still overlaps" }, async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowCounter({ limit: 10, windowMs: 10_000, now: clock.now });
  assert.equal(allowedInARow(rl, "k"), 10, "a fresh window");
  await clock.advance(12_500);
  const d = rl.tryAcquire("k");
  assert.closeTo(d.estimate, 7.5, 1e-9, "estimate 2.5 s into the next window");
  assert.equal(1 + allowedInARow(rl, "k"), 3, "requests allowed (estimates 7.5, 8.5, 9.5)");
});

test("the previous window counts fully at the start of a window and barely at its end", { category: "weights the previous window by the part that still overlaps" }, async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowCounter({ limit: 4, windowMs: 10_000, now: clock.now });
  allowedInARow(rl, "k");
  await clock.advance(10_000);
  assert.equal(rl.tryAcquire("k"), { allowed: false, estimate: 4 }, "first millisecond of the next window");
  await clock.advance(9_999);
  const d = rl.tryAcquire("k");
  assert.closeTo(d.estimate, 0.0004, 1e-9, "last millisecond of the window: 4 × 1/10 000");
  assert.equal(1 + allowedInARow(rl, "k"), 4, "requests allowed in the last millisecond");
});

test("a key idle for more than a window starts from zero", { category: "forgets counts older than the previous window" }, async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowCounter({ limit: 5, windowMs: 10_000, now: clock.now });
  assert.equal(allowedInARow(rl, "k"), 5, "first window");
  await clock.advance(25_000); // two windows later, 5 s in: the window before this one was empty
  assert.equal(rl.tryAcquire("k"), { allowed: true, estimate: 0 }, "first request after the idle window");
  assert.equal(1 + allowedInARow(rl, "k"), 5, "requests allowed after the idle window");
});

test("rejected requests do not count in the next window", { category: "does not count rejected requests" }, async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowCounter({ limit: 3, windowMs: 10_000, now: clock.now });
  const first = [1, 2, 3, 4, 5].map(() => rl.tryAcquire("k").allowed);
  assert.equal(first, [true, true, true, false, false], "five requests against a limit of 3");
  await clock.advance(16_000); // 6 s into the next window: previous weight 0.4
  const d = rl.tryAcquire("k");
  assert.closeTo(d.estimate, 1.2, 1e-9, "estimate = 3 allowed × 0.4");
  assert.equal(1 + allowedInARow(rl, "k"), 2, "requests allowed (estimates 1.2, 2.2)");
});

test("windows start at multiples of windowMs, not at a key's first request", { category: "aligns windows to the clock" }, async ({ exports, clock, assert }) => {
  // The clock starts 20 s into a 60 s window, which ends 40 s later.
  const rl = exports.createSlidingWindowCounter({ limit: 10, windowMs: 60_000, now: clock.now });
  assert.equal(allowedInARow(rl, "k"), 10, "first window");
  await clock.advance(70_000); // 30 s into the next aligned window
  const d = rl.tryAcquire("k");
  assert.closeTo(d.estimate, 5, 1e-9, "estimate = 10 × 30/60");
  assert.equal(1 + allowedInARow(rl, "k"), 5, "requests allowed");
});

test("each key keeps its own previous and current counts", { category: "keeps separate counters per key" }, async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowCounter({ limit: 4, windowMs: 10_000, now: clock.now });
  allowedInARow(rl, "a");
  await clock.advance(12_500);
  rl.tryAcquire("b");
  await clock.advance(5_000); // 7.5 s into the window after a's window
  assert.closeTo(rl.tryAcquire("a").estimate, 1, 1e-9, "a: 4 × 0.25 + 0");
  assert.closeTo(rl.tryAcquire("b").estimate, 1, 1e-9, "b: nothing before, 1 in this window");
  assert.closeTo(rl.tryAcquire("a").estimate, 2, 1e-9, "a: 4 × 0.25 + 1");
});
