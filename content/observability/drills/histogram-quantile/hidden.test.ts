const h = () => [
  { le: 0.1, count: 50 },
  { le: 0.2, count: 70 },
  { le: 1, count: 110 },
  { le: Infinity, count: 120 },
];

test("quantiles below 0, above 1 and NaN", { category: "returns ±Infinity or NaN for a quantile outside [0, 1]" }, ({ exports, assert }) => {
  assert.equal(exports.histogramQuantile(-0.1, h()), -Infinity, "q = -0.1");
  assert.equal(exports.histogramQuantile(1.01, h()), Infinity, "q = 1.01");
  assert.equal(exports.histogramQuantile(NaN, h()), NaN, "q = NaN");
});

test("the quantile is checked before the buckets", { category: "returns ±Infinity or NaN for a quantile outside [0, 1]" }, ({ exports, assert }) => {
  const empty = [
    { le: 1, count: 0 },
    { le: Infinity, count: 0 },
  ];
  assert.equal(exports.histogramQuantile(-1, empty), -Infinity, "q = -1 with no observations");
  assert.equal(exports.histogramQuantile(2, [{ le: 1, count: 3 }]), Infinity, "q = 2 without a +Inf bucket");
});

test("no +Inf bucket means no answer", { category: "requires a +Inf bucket" }, ({ exports, assert }) => {
  const noInf = [
    { le: 0.1, count: 50 },
    { le: 0.2, count: 70 },
    { le: 1, count: 110 },
  ];
  assert.equal(exports.histogramQuantile(0.5, noInf), NaN, "p50 without a +Inf bucket");
  assert.equal(exports.histogramQuantile(0.5, []), NaN, "p50 of no buckets");
});

test("a lone +Inf bucket is not enough", { category: "requires at least two buckets" }, ({ exports, assert }) => {
  assert.equal(exports.histogramQuantile(0.5, [{ le: Infinity, count: 10 }]), NaN, "p50 with only le=+Inf");
});

test("a rank in the +Inf bucket returns the highest finite bound; q = 1 tops the highest non-empty bucket", { category: "returns the second-highest bound for ranks in the +Inf bucket" }, ({ exports, assert }) => {
  assert.equal(exports.histogramQuantile(0.95, h()), 1, "p95 (rank 114 of 120)");
  assert.equal(exports.histogramQuantile(1, h()), 1, "q = 1");
  const b = [
    { le: 1, count: 10 },
    { le: 2, count: 20 },
    { le: Infinity, count: 20 },
  ];
  assert.closeTo(exports.histogramQuantile(1, b), 2, 1e-9, "q = 1 when nothing is above 2");
});

test("a lowest bucket with a negative bound has no lower limit", { category: "handles a lowest bucket whose bound is at or below zero" }, ({ exports, assert }) => {
  const b = [
    { le: -0.2, count: 10 },
    { le: -0.1, count: 20 },
    { le: 0.3, count: 20 },
    { le: Infinity, count: 30 },
  ];
  assert.equal(exports.histogramQuantile(0.2, b), -0.2, "rank 6, in the lowest bucket");
  assert.closeTo(exports.histogramQuantile(0.5, b), -0.15, 1e-9, "rank 15, in (-0.2, -0.1]");
  assert.equal(exports.histogramQuantile(0.8, b), 0.3, "rank 24, in the +Inf bucket");
});

test("a lowest bucket at le = 0 returns 0", { category: "handles a lowest bucket whose bound is at or below zero" }, ({ exports, assert }) => {
  const b = [
    { le: 0, count: 5 },
    { le: 1, count: 10 },
    { le: Infinity, count: 10 },
  ];
  assert.equal(exports.histogramQuantile(0.3, b), 0, "rank 3, in the le=0 bucket");
  assert.closeTo(exports.histogramQuantile(0.75, b), 0.5, 1e-9, "rank 7.5, in (0, 1]");
});

test("buckets in any order give the same answer, and the input is untouched", { category: "accepts buckets in any order" }, ({ exports, assert }) => {
  const shuffled = [
    { le: 1, count: 110 },
    { le: Infinity, count: 120 },
    { le: 0.1, count: 50 },
    { le: 0.2, count: 70 },
  ];
  const before = JSON.stringify(shuffled);
  assert.closeTo(exports.histogramQuantile(0.5, shuffled), 0.15, 1e-9, "p50 (rank 60 in (0.1, 0.2])");
  assert.closeTo(exports.histogramQuantile(0.75, shuffled), 0.6, 1e-9, "p75 (rank 90 in (0.2, 1])");
  assert.equal(exports.histogramQuantile(0.99, shuffled), 1, "p99 (rank in +Inf)");
  assert.equal(JSON.stringify(shuffled), before, "the caller's buckets after the calls");
});

test("counts that dip below the bucket before them are raised", { category: "repairs counts that decrease between buckets" }, ({ exports, assert }) => {
  const b = [
    { le: 0.1, count: 4 },
    { le: 0.2, count: 12 },
    { le: 0.3, count: 6 },
    { le: 0.4, count: 16 },
    { le: Infinity, count: 16 },
  ];
  assert.closeTo(exports.histogramQuantile(0.875, b), 0.35, 1e-9, "rank 14 in (0.3, 0.4], counting from 12, not 6");
  const lowInf = [
    { le: 0.1, count: 5 },
    { le: 0.2, count: 10 },
    { le: Infinity, count: 8 },
  ];
  assert.closeTo(exports.histogramQuantile(0.5, lowInf), 0.1, 1e-9, "a +Inf count of 8 below 10: total is 10, so rank 5 is the top of (0, 0.1]");
});

test("a rank equal to a bucket's count stays in that bucket", { category: "picks the first bucket whose count reaches the rank" }, ({ exports, assert }) => {
  const b = [
    { le: 1, count: 5 },
    { le: 2, count: 5 },
    { le: 4, count: 10 },
    { le: Infinity, count: 10 },
  ];
  assert.closeTo(exports.histogramQuantile(0.5, b), 1, 1e-9, "rank 5: the top of (0, 1], not the start of (2, 4]");
});
