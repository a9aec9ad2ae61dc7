test("a same-millisecond burst is counted request by request", { category: "counts requests that arrive in the same millisecond separately" }, ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowLog({ limit: 3, windowMs: 1000, now: clock.now });
  const got = [1, 2, 3, 4, 5].map(() => rl.tryAcquire("k").allowed);
  assert.equal(got, [true, true, true, false, false], "five requests in the same millisecond with limit 3");
  assert.equal(rl.stats(), { keys: 1, entries: 3 }, "one entry per accepted request");
});

test("a client that keeps retrying still gets through as the window slides", { category: "does not count rejected requests against the key" }, async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowLog({ limit: 2, windowMs: 1000, now: clock.now });
  const allowedAt: number[] = [];
  for (let t = 0; t <= 3000; t += 100) {
    if (rl.tryAcquire("k").allowed) allowedAt.push(t);
    await clock.advance(100);
  }
  assert.equal(allowedAt, [0, 100, 1000, 1100, 2000, 2100, 3000], "times (ms) of the accepted requests, polling every 100 ms");
});

test("the window rolls with the clock instead of resetting", { category: "slides the window continuously" }, async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowLog({ limit: 2, windowMs: 1000, now: clock.now });
  rl.tryAcquire("k"); // t = 0
  await clock.advance(600);
  rl.tryAcquire("k"); // t = 600
  await clock.advance(400);
  assert.equal(rl.tryAcquire("k").allowed, true, "at t = 1000 the request from t = 0 has left");
  await clock.advance(1);
  assert.equal(rl.tryAcquire("k"), { allowed: false, retryAfterMs: 599 }, "at t = 1001, requests from 600 and 1000 are still inside");
  await clock.advance(599);
  assert.equal(rl.tryAcquire("k").allowed, true, "at t = 1600 the request from 600 has left");
});

test("retryAfterMs is measured from the oldest request still in the window", { category: "reports when the oldest request leaves the window" }, async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowLog({ limit: 3, windowMs: 1000, now: clock.now });
  rl.tryAcquire("k"); // 0
  await clock.advance(200);
  rl.tryAcquire("k"); // 200
  await clock.advance(300);
  rl.tryAcquire("k"); // 500
  await clock.advance(300);
  assert.equal(rl.tryAcquire("k"), { allowed: false, retryAfterMs: 200 }, "at t = 800");
  await clock.advance(200);
  assert.equal(rl.tryAcquire("k").allowed, true, "at t = 1000");
  await clock.advance(100);
  assert.equal(rl.tryAcquire("k"), { allowed: false, retryAfterMs: 100 }, "at t = 1100 the oldest is the request from 200");
});

test("hammering a key does not grow its log beyond the limit", { category: "keeps at most limit timestamps per key" }, async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowLog({ limit: 5, windowMs: 60_000, now: clock.now });
  for (let i = 0; i < 200; i++) {
    rl.tryAcquire("k");
    rl.tryAcquire("k");
    await clock.advance(10);
  }
  assert.equal(rl.stats(), { keys: 1, entries: 5 }, "after 400 requests in 2 s with limit 5 per minute");
});

test("prune keeps live timestamps and drops only expired ones", { category: "prune drops expired timestamps and empty keys" }, async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowLog({ limit: 10, windowMs: 1000, now: clock.now });
  rl.tryAcquire("a");
  rl.tryAcquire("a");
  await clock.advance(500);
  rl.tryAcquire("a");
  rl.tryAcquire("b");
  await clock.advance(300);
  rl.tryAcquire("c");
  await clock.advance(200); // t = 1000: a's first two have left
  rl.prune();
  assert.equal(rl.stats(), { keys: 3, entries: 3 }, "after pruning at t = 1000");
  await clock.advance(500); // t = 1500: a's and b's have left, c's (800) has not
  rl.prune();
  assert.equal(rl.stats(), { keys: 1, entries: 1 }, "after pruning at t = 1500");
  assert.equal(rl.tryAcquire("a").allowed, true, "a forgotten key starts afresh");
});

test("many short-lived keys are forgotten by prune", { category: "prune drops expired timestamps and empty keys" }, async ({ exports, clock, assert }) => {
  const rl = exports.createSlidingWindowLog({ limit: 3, windowMs: 1000, now: clock.now });
  for (let i = 0; i < 100; i++) {
    rl.tryAcquire(`client-${i}`);
    await clock.advance(10);
  }
  // now t = 1000; the first request (t = 0) has left, the others (10 … 990) have not
  rl.prune();
  assert.equal(rl.stats(), { keys: 99, entries: 99 }, "at t = 1000");
  await clock.advance(1000);
  rl.prune();
  assert.equal(rl.stats(), { keys: 0, entries: 0 }, "at t = 2000");
});
