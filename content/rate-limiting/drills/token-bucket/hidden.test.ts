test("fractional refill adds up across frequent calls", { category: "counts fractional tokens between calls" }, async ({ exports, clock, assert }) => {
  const bucket = exports.createTokenBucket({ capacity: 2, refillPerSecond: 4, now: clock.now });
  bucket.tryTake();
  bucket.tryTake();
  let granted = 0;
  for (let i = 0; i < 20; i++) {
    await clock.advance(50);
    if (bucket.tryTake()) granted++;
  }
  // 20 × 50 ms = 1 s at 4 tokens/s
  assert.equal(granted, 4, "tokens granted over one second of 50 ms polls");
});

test("never holds more than capacity after idling", { category: "caps the bucket at its capacity" }, async ({ exports, clock, assert }) => {
  const bucket = exports.createTokenBucket({ capacity: 5, refillPerSecond: 10, now: clock.now });
  await clock.advance(60_000);
  let granted = 0;
  while (bucket.tryTake()) granted++;
  assert.equal(granted, 5, "burst after a minute idle");
});

test("a cost above capacity always fails and takes nothing", { category: "refuses a cost larger than the capacity" }, ({ exports, clock, assert }) => {
  const bucket = exports.createTokenBucket({ capacity: 2, refillPerSecond: 1, now: clock.now });
  assert.equal(bucket.tryTake(3), false, "cost 3 on capacity 2");
  assert.equal(bucket.tryTake(2), true, "the tokens are still there");
});

test("a failed take removes nothing", { category: "does not spend tokens on a refused take" }, async ({ exports, clock, assert }) => {
  const bucket = exports.createTokenBucket({ capacity: 2, refillPerSecond: 1, now: clock.now });
  bucket.tryTake(2);
  await clock.advance(1000);
  assert.equal(bucket.tryTake(2), false, "only one token is back");
  assert.equal(bucket.tryTake(1), true, "that token was not spent by the refused take");
});

test("a rate below one token per second still refills continuously", { category: "refills at rates below one token per second" }, async ({ exports, clock, assert }) => {
  const bucket = exports.createTokenBucket({ capacity: 2, refillPerSecond: 0.5, now: clock.now });
  bucket.tryTake(2);
  await clock.advance(3000);
  assert.equal(bucket.tryTake(2), false, "1.5 tokens after 3 s at 0.5 tokens/s");
  assert.equal(bucket.tryTake(1), true, "one of the 1.5 tokens");
  await clock.advance(1000);
  assert.equal(bucket.tryTake(1), true, "the half token kept plus another half after 1 s");
});
