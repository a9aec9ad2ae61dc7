test("a burst: one processed at once, capacity queued, the rest rejected", ({ exports, clock, assert }) => {
  const t0 = clock.now();
  const bucket = exports.createLeakyBucket({ capacity: 2, intervalMs: 100, now: clock.now });
  assert.equal(bucket.offer(), { accepted: true, processAt: t0, waitMs: 0 }, "1st offer");
  assert.equal(bucket.offer(), { accepted: true, processAt: t0 + 100, waitMs: 100 }, "2nd offer");
  assert.equal(bucket.offer(), { accepted: true, processAt: t0 + 200, waitMs: 200 }, "3rd offer");
  assert.equal(bucket.offer(), { accepted: false, retryAfterMs: 100 }, "4th offer: the queue holds 2");
  assert.equal(bucket.pending(), 2, "requests waiting");
});

test("the queue drains one request per interval", async ({ exports, clock, assert }) => {
  const t0 = clock.now();
  const bucket = exports.createLeakyBucket({ capacity: 2, intervalMs: 100, now: clock.now });
  bucket.offer();
  bucket.offer();
  bucket.offer();
  await clock.advance(100);
  assert.equal(bucket.pending(), 1, "waiting after 100 ms");
  assert.equal(bucket.offer(), { accepted: true, processAt: t0 + 300, waitMs: 200 }, "offer at t = 100 ms");
  assert.equal(bucket.offer().accepted, false, "second offer at t = 100 ms: the queue is full again");
  await clock.advance(200);
  assert.equal(bucket.pending(), 0, "waiting at t = 300 ms");
});

test("after an idle period a request is processed on arrival", async ({ exports, clock, assert }) => {
  const bucket = exports.createLeakyBucket({ capacity: 3, intervalMs: 100, now: clock.now });
  bucket.offer();
  bucket.offer();
  await clock.advance(5000);
  const t = clock.now();
  assert.equal(bucket.offer(), { accepted: true, processAt: t, waitMs: 0 }, "offer after 5 s idle");
  assert.equal(bucket.offer(), { accepted: true, processAt: t + 100, waitMs: 100 }, "the next one waits one interval");
});
