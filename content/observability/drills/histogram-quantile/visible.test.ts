const latency = () => [
  { le: 0.1, count: 60 },
  { le: 0.25, count: 90 },
  { le: 0.5, count: 98 },
  { le: 1, count: 99 },
  { le: Infinity, count: 100 },
];

test("interpolates linearly inside the bucket that holds the rank", ({ exports, assert }) => {
  assert.closeTo(exports.histogramQuantile(0.95, latency()), 0.40625, 1e-9, "p95: 0.25 + 0.25 × 5/8");
  assert.closeTo(exports.histogramQuantile(0.9, latency()), 0.25, 1e-9, "p90: rank 90 is exactly the top of (0.1, 0.25]");
});

test("the lowest bucket starts at 0 when its upper bound is positive", ({ exports, assert }) => {
  assert.closeTo(exports.histogramQuantile(0.5, latency()), 0.1 * 50 / 60, 1e-9, "p50 in (0, 0.1]");
});

test("quantiles in the middle of evenly filled buckets", ({ exports, assert }) => {
  const b = [
    { le: 0, count: 0 },
    { le: 2, count: 1 },
    { le: 4, count: 2 },
    { le: 6, count: 3 },
    { le: Infinity, count: 3 },
  ];
  assert.closeTo(exports.histogramQuantile(1 / 6, b), 1, 1e-9, "q = 1/6");
  assert.closeTo(exports.histogramQuantile(0.5, b), 3, 1e-9, "q = 1/2");
  assert.closeTo(exports.histogramQuantile(5 / 6, b), 5, 1e-9, "q = 5/6");
});

test("a histogram with no observations has no quantile", ({ exports, assert }) => {
  const empty = [
    { le: 0.1, count: 0 },
    { le: 1, count: 0 },
    { le: Infinity, count: 0 },
  ];
  assert.equal(exports.histogramQuantile(0.5, empty), NaN, "p50 of an empty histogram");
});
