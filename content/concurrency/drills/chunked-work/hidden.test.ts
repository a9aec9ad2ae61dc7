async function yieldPoints(t: any, n: number, chunkSize: number): Promise<number[]> {
  let processed = 0;
  const at: number[] = [];
  const items = Array.from({ length: n }, (_, i) => i);
  const out = await t.exports.processInChunks(items, (x: number) => (processed++, x + 1), { chunkSize, yieldNow: async () => void at.push(processed) });
  t.assert.equal(out.length, n, `result length for ${n} items`);
  return at;
}

test("yield placement", { category: "yields exactly once between consecutive chunks (not before the first or after the last)" }, async (t: any) => {
  const { assert } = t;
  assert.equal(await yieldPoints(t, 9, 3), [3, 6], "9 items, chunks of 3");
  assert.equal(await yieldPoints(t, 5, 1), [1, 2, 3, 4], "5 items, chunks of 1");
  assert.equal(await yieldPoints(t, 1, 5), [], "1 item, chunks of 5");
  assert.equal(await yieldPoints(t, 6, 10), [], "6 items, chunks of 10");
  assert.equal(await yieldPoints(t, 7, 7), [], "7 items, chunks of 7");
  const big = await yieldPoints(t, 10_000, 1_000);
  assert.equal(big, [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000], "10,000 items, chunks of 1,000");
});

test("interleaving across seeds", { category: "lets other tasks run between chunks (awaits yieldNow)" }, async (t: any) => {
  const { exports, assert } = t;
  for (const seed of [13, 3, 25]) {
    const n = 20;
    let processed = 0;
    let done = false;
    const seen: number[] = [];
    const items = Array.from({ length: n }, (_, i) => `r${i}`);
    const { results } = await t.concurrently(
      [
        async () => {
          const out = await exports.processInChunks(items, (s: string) => (processed++, s.toUpperCase()), { chunkSize: 4, yieldNow: () => t.point("yieldNow") });
          done = true;
          return out;
        },
        async () => {
          while (!done) {
            await t.point("tick");
            seen.push(processed);
          }
        },
      ],
      { seed },
    );
    assert.equal(results[0], { status: "fulfilled", value: items.map((s) => s.toUpperCase()) }, `result (seed ${seed})`);
    const inProgress = seen.filter((p) => p > 0 && p < n);
    assert.atLeast(new Set(inProgress).size, 3, `distinct progress points the ticker saw mid-work (seed ${seed}, saw ${JSON.stringify(seen)})`);
    assert.equal(seen.filter((p) => p % 4 !== 0), [], `ticks in the middle of a chunk (seed ${seed})`);
  }
});

test("fn throws", { category: "stops at the first failure and rejects with that error" }, async (t: any) => {
  const { exports, assert } = t;
  const corrupt = new Error("record 4 is corrupt");
  let calls = 0;
  let yields = 0;
  const fn = (x: number) => {
    calls++;
    if (x === 4) throw corrupt;
    return x;
  };
  const items = Array.from({ length: 10 }, (_, i) => i);
  let error: unknown = null;
  try {
    await exports.processInChunks(items, fn, { chunkSize: 3, yieldNow: async () => void yields++ });
  } catch (e) {
    error = e;
  }
  assert.ok(error === corrupt, "rejects with the very error fn threw");
  assert.equal(calls, 5, "fn calls (it failed on item 4, the 5th)");
  assert.equal(yields, 1, "yieldNow calls (only between chunk 1 and chunk 2)");
});

test("yieldNow rejects", { category: "stops and rejects when yieldNow fails" }, async (t: any) => {
  const { exports, assert } = t;
  let calls = 0;
  let yields = 0;
  const items = Array.from({ length: 10 }, (_, i) => i);
  await assert.rejects(
    () =>
      exports.processInChunks(items, () => calls++, {
        chunkSize: 2,
        yieldNow: async () => {
          if (++yields === 2) throw new Error("shutting down");
        },
      }),
    "shutting down",
    "the rejection",
  );
  assert.equal(calls, 4, "fn calls before the second yield failed");
});

test("chunkSize validation", { category: "rejects an invalid chunkSize before doing any work" }, async (t: any) => {
  const { exports, assert } = t;
  for (const chunkSize of [0, -1, 1.5, NaN]) {
    let calls = 0;
    await assert.rejects(
      () => exports.processInChunks([1, 2, 3], () => calls++, { chunkSize, yieldNow: async () => void calls++ }),
      "chunkSize",
      `chunkSize ${chunkSize}`,
    );
    assert.equal(calls, 0, `fn/yieldNow calls with chunkSize ${chunkSize}`);
  }
  let error: unknown = null;
  try {
    await exports.processInChunks([1], (x: number) => x, { chunkSize: 0, yieldNow: async () => {} });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof RangeError, "the rejection is a RangeError");
});

test("input untouched", { category: "keeps results in order and leaves the input alone" }, async (t: any) => {
  const { exports, assert } = t;
  const items = [5, 3, 8, 1, 9, 2, 7];
  const out = await exports.processInChunks(items, (x: number, i: number) => `${i}:${x * x}`, { chunkSize: 3, yieldNow: async () => {} });
  assert.equal(out, ["0:25", "1:9", "2:64", "3:1", "4:81", "5:4", "6:49"], "results");
  assert.equal(items, [5, 3, 8, 1, 9, 2, 7], "items after the call");
});
