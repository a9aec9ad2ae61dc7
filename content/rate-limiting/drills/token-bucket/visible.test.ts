test("starts full and allows a burst up to capacity", ({ exports, clock, assert }) => {
  const bucket = exports.createTokenBucket({ capacity: 3, refillPerSecond: 1, now: clock.now });
  assert.equal([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()], [true, true, true], "three takes from a full bucket of 3");
  assert.equal(bucket.tryTake(), false, "the fourth take");
});

test("refills one token per second", async ({ exports, clock, assert }) => {
  const bucket = exports.createTokenBucket({ capacity: 1, refillPerSecond: 1, now: clock.now });
  assert.equal(bucket.tryTake(), true, "first take");
  await clock.advance(999);
  assert.equal(bucket.tryTake(), false, "after 999 ms");
  await clock.advance(1);
  assert.equal(bucket.tryTake(), true, "after 1000 ms");
});

test("a take can spend several tokens at once", ({ exports, clock, assert }) => {
  const bucket = exports.createTokenBucket({ capacity: 5, refillPerSecond: 1, now: clock.now });
  assert.equal(bucket.tryTake(3), true, "take 3 from a full bucket of 5");
  assert.equal(bucket.tryTake(3), false, "take 3 more when only 2 are left");
  assert.equal(bucket.tryTake(2), true, "take the 2 that are left");
  assert.equal(bucket.tryTake(), false, "take 1 from an empty bucket");
});
