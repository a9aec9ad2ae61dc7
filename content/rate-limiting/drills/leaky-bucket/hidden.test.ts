test("a request arriving mid-interval waits for the previous one's slot", { category: "keeps processings at least intervalMs apart" }, async ({ exports, clock, assert }) => {
  const t0 = clock.now();
  const bucket = exports.createLeakyBucket({ capacity: 3, intervalMs: 100, now: clock.now });
  bucket.offer(); // t0
  bucket.offer(); // t0 + 100
  await clock.advance(150);
  assert.equal(bucket.pending(), 0, "waiting at t = 150 ms");
  assert.equal(bucket.offer(), { accepted: true, processAt: t0 + 200, waitMs: 50 }, "offer at t = 150 ms");
});

test("a request joining a partly drained queue goes after the last one", { category: "keeps processings at least intervalMs apart" }, async ({ exports, clock, assert }) => {
  const t0 = clock.now();
  const bucket = exports.createLeakyBucket({ capacity: 3, intervalMs: 100, now: clock.now });
  bucket.offer(); // t0
  bucket.offer(); // t0 + 100
  bucket.offer(); // t0 + 200
  await clock.advance(50);
  assert.equal(bucket.offer(), { accepted: true, processAt: t0 + 300, waitMs: 250 }, "offer at t = 50 ms");
});

test("sustained overload leaves at exactly one request per interval", { category: "drains at a constant rate under sustained load" }, async ({ exports, clock, assert }) => {
  const t0 = clock.now();
  const bucket = exports.createLeakyBucket({ capacity: 3, intervalMs: 100, now: clock.now });
  const times: number[] = [];
  for (let i = 0; i < 34; i++) {
    const o = bucket.offer();
    if (o.accepted) times.push(o.processAt - t0);
    await clock.advance(30);
  }
  // Offers every 30 ms from 0 to 990 ms: 1 at once, 3 queued, then one each time a place frees.
  assert.equal(times, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200], "processing times (ms) of the accepted requests");
});

test("frequent callers see the queue drain", { category: "drains at a constant rate under sustained load" }, async ({ exports, clock, assert }) => {
  const bucket = exports.createLeakyBucket({ capacity: 1, intervalMs: 100, now: clock.now });
  bucket.offer();
  bucket.offer();
  let accepted = 0;
  for (let i = 0; i < 20; i++) {
    await clock.advance(50);
    if (bucket.offer().accepted) accepted++;
  }
  assert.equal(accepted, 10, "accepted over 1 s of offers every 50 ms");
});

test("retrying after retryAfterMs succeeds, and not a millisecond earlier", { category: "reports when a place in the queue frees up" }, async ({ exports, clock, assert }) => {
  const t0 = clock.now();
  const bucket = exports.createLeakyBucket({ capacity: 2, intervalMs: 100, now: clock.now });
  bucket.offer();
  bucket.offer();
  bucket.offer();
  await clock.advance(30);
  const rejected = bucket.offer();
  assert.equal(rejected, { accepted: false, retryAfterMs: 70 }, "offer at t = 30 ms with 2 waiting");
  await clock.advance(69);
  assert.equal(bucket.offer().accepted, false, "at t = 99 ms");
  await clock.advance(1);
  assert.equal(bucket.offer(), { accepted: true, processAt: t0 + 300, waitMs: 200 }, "at t = 100 ms");
});

test("retryAfterMs points at the oldest waiting request, not the newest", { category: "reports when a place in the queue frees up" }, async ({ exports, clock, assert }) => {
  const bucket = exports.createLeakyBucket({ capacity: 4, intervalMs: 50, now: clock.now });
  for (let i = 0; i < 5; i++) bucket.offer(); // processed at 0, waiting at 50, 100, 150, 200
  await clock.advance(20);
  assert.equal(bucket.offer(), { accepted: false, retryAfterMs: 30 }, "offer at t = 20 ms");
});

test("rejected offers neither take a slot nor delay later requests", { category: "a rejected offer changes nothing" }, async ({ exports, clock, assert }) => {
  const t0 = clock.now();
  const bucket = exports.createLeakyBucket({ capacity: 1, intervalMs: 100, now: clock.now });
  bucket.offer(); // t0
  bucket.offer(); // t0 + 100
  for (let i = 0; i < 10; i++) bucket.offer();
  assert.equal(bucket.pending(), 1, "waiting after ten rejected offers");
  await clock.advance(100);
  assert.equal(bucket.offer(), { accepted: true, processAt: t0 + 200, waitMs: 100 }, "offer at t = 100 ms");
});

test("a request stops waiting at its processing time", { category: "counts only requests that are still waiting" }, async ({ exports, clock, assert }) => {
  const bucket = exports.createLeakyBucket({ capacity: 5, intervalMs: 100, now: clock.now });
  bucket.offer();
  assert.equal(bucket.pending(), 0, "a request processed on arrival never waits");
  bucket.offer();
  bucket.offer(); // waiting until 100 and 200
  const seen: number[] = [];
  for (const step of [99, 1, 99, 1]) {
    await clock.advance(step);
    seen.push(bucket.pending());
  }
  assert.equal(seen, [2, 1, 1, 0], "waiting at t = 99, 100, 199, 200 ms");
});
