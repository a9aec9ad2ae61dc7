const noYield = async () => {};

test("returns the results in order", async (t: any) => {
  const { exports, assert } = t;
  const out = await exports.processInChunks([1, 2, 3, 4, 5], (x: number, i: number) => x * 10 + i, { chunkSize: 2, yieldNow: noYield });
  assert.equal(out, [10, 21, 32, 43, 54], "fn(item, index) for five items in chunks of two");
});

test("yields between chunks", async (t: any) => {
  const { exports, assert } = t;
  let processed = 0;
  const yieldsAt: number[] = [];
  const items = Array.from({ length: 10 }, (_, i) => i);
  await exports.processInChunks(items, (x: number) => (processed++, x), {
    chunkSize: 3,
    yieldNow: async () => void yieldsAt.push(processed),
  });
  assert.equal(yieldsAt, [3, 6, 9], "items processed when yieldNow was called (10 items, chunks of 3)");
});

test("empty input", async (t: any) => {
  const { exports, assert } = t;
  let calls = 0;
  const out = await exports.processInChunks([], () => calls++, { chunkSize: 3, yieldNow: async () => void calls++ });
  assert.equal(out, [], "result for no items");
  assert.equal(calls, 0, "calls to fn or yieldNow");
});

test("a latency-sensitive task runs while the work is in progress", async (t: any) => {
  const { exports, assert } = t;
  let processed = 0;
  let processedWhenLatencyTaskRan = -1;
  const items = Array.from({ length: 10 }, (_, i) => i);
  const { results } = await t.concurrently(
    [
      () => exports.processInChunks(items, (x: number) => (processed++, x * 2), { chunkSize: 3, yieldNow: () => t.point("yieldNow") }),
      async () => {
        await t.point("health-check");
        processedWhenLatencyTaskRan = processed;
      },
    ],
    { seed: 13 },
  );
  assert.equal(results[0], { status: "fulfilled", value: items.map((x) => x * 2) }, "the chunked work's result");
  assert.atLeast(processedWhenLatencyTaskRan, 1, "items processed when the health check ran");
  assert.atMost(processedWhenLatencyTaskRan, 9, "items processed when the health check ran");
});
