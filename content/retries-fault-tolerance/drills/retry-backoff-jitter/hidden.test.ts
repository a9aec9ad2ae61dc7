const transient = (attempt: number) => ({ kind: "transient", attempt });
const fatal = (attempt: number) => ({ kind: "fatal", attempt });
const isRetryable = (e: any) => e?.kind === "transient";

function setup(t: any, overrides: Record<string, unknown> = {}) {
  const sleeps: number[] = [];
  const options = {
    maxAttempts: 5,
    baseMs: 100,
    capMs: 10_000,
    deadlineMs: 60_000,
    isRetryable,
    now: t.clock.now,
    sleep: (ms: number) => {
      sleeps.push(ms);
      return t.clock.sleep(ms);
    },
    random: t.random,
    ...overrides,
  };
  return { options, sleeps };
}

function settle(p: Promise<unknown>, clock: any) {
  const out: { status: string; value?: unknown; reason?: unknown; at?: number } = { status: "pending" };
  p.then(
    (value) => Object.assign(out, { status: "fulfilled", value, at: clock.now() }),
    (reason) => Object.assign(out, { status: "rejected", reason, at: clock.now() }),
  );
  return out;
}

const alwaysFails = async (attempt: number) => {
  throw transient(attempt);
};

test("the cap bounds the ceiling, then jitter draws below it", { category: "caps the exponential ceiling before applying jitter" }, async (t) => {
  const { options, sleeps } = setup(t, { maxAttempts: 7, baseMs: 100, capMs: 1_000, random: () => 0.9 });
  settle(t.exports.retry(alwaysFails, options), t.clock);
  await t.clock.advance(60_000);
  const expected = [100, 200, 400, 800, 1_000, 1_000].map((c) => 0.9 * c);
  t.assert.equal(sleeps.length, 6, "delays between seven attempts");
  for (let i = 0; i < expected.length; i++) t.assert.closeTo(sleeps[i]!, expected[i]!, 1e-9, `delay ${i + 1}`);
});

test("every delay uses its own random draw", { category: "draws a fresh random value for every delay" }, async (t) => {
  const draws: number[] = [];
  const random = () => {
    const r = t.random();
    draws.push(r);
    return r;
  };
  const { options, sleeps } = setup(t, { maxAttempts: 6, baseMs: 50, capMs: 5_000, random });
  settle(t.exports.retry(alwaysFails, options), t.clock);
  await t.clock.advance(60_000);
  t.assert.equal(draws.length, 5, "random() calls for five delays");
  t.assert.equal(sleeps.length, 5, "delays between six attempts");
  for (let i = 0; i < 5; i++) t.assert.closeTo(sleeps[i]!, draws[i]! * 50 * 2 ** i, 1e-9, `delay ${i + 1}`);
});

test("skips a sleep that would end past the deadline", { category: "never sleeps past the deadline" }, async (t) => {
  const start = t.clock.now();
  const { options, sleeps } = setup(t, { maxAttempts: 10, baseMs: 1_000, capMs: 10_000, deadlineMs: 2_500, random: () => 0.99 });
  let calls = 0;
  const out = settle(
    t.exports.retry(async (attempt: number) => {
      calls++;
      throw transient(attempt);
    }, options),
    t.clock,
  );
  await t.clock.advance(10_000);
  // attempt 0 at 0 ms, sleep 990 ms; attempt 1 at 990 ms, next delay 1,980 ms would end at 2,970 ms.
  t.assert.equal(calls, 2, "attempts made");
  t.assert.equal(sleeps.length, 1, "delays slept");
  t.assert.equal(out.reason, transient(1), "rejects with the last error");
  t.assert.equal(out.at! - start, 990, "rejects as soon as the second attempt fails, without sleeping");
});

test("a delay ending exactly at the deadline is not slept", { category: "gives up when the next attempt could not start before the deadline" }, async (t) => {
  const start = t.clock.now();
  const { options, sleeps } = setup(t, { baseMs: 200, deadlineMs: 100, random: () => 0.5 });
  let calls = 0;
  const out = settle(
    t.exports.retry(async (attempt: number) => {
      calls++;
      throw transient(attempt);
    }, options),
    t.clock,
  );
  await t.clock.advance(1_000);
  t.assert.equal(calls, 1, "attempts made");
  t.assert.equal(sleeps, [], "no sleep that ends at the deadline");
  t.assert.equal(out.reason, transient(0), "rejects with the only error");
  t.assert.equal(out.at, start, "rejects at once");
});

test("time spent in attempts counts against the deadline", { category: "measures the deadline from the call, including time inside attempts" }, async (t) => {
  const start = t.clock.now();
  const { options, sleeps } = setup(t, { maxAttempts: Infinity, baseMs: 100, capMs: 10_000, deadlineMs: 1_000, random: () => 0.5 });
  const startedAt: number[] = [];
  const op = async (attempt: number) => {
    startedAt.push(t.clock.now() - start);
    await t.clock.sleep(400);
    throw transient(attempt);
  };
  const out = settle(t.exports.retry(op, options), t.clock);
  await t.clock.advance(30_000);
  // 0–400 fail, sleep 50; 450–850 fail, sleep 100; 950–1350 fail; a 200 ms sleep cannot end before 1,000.
  t.assert.equal(startedAt, [0, 450, 950], "start time of each attempt (ms after the call)");
  t.assert.equal(sleeps, [50, 100], "delays slept");
  t.assert.equal(out.reason, transient(2), "rejects with the last error");
  t.assert.equal(out.at! - start, 1_350, "rejects when the last attempt fails");
});

test("one attempt allowed means no retry", { category: "treats maxAttempts as total attempts, including the first" }, async (t) => {
  const { options, sleeps } = setup(t, { maxAttempts: 1 });
  let calls = 0;
  const out = settle(
    t.exports.retry(async (attempt: number) => {
      calls++;
      throw transient(attempt);
    }, options),
    t.clock,
  );
  await t.clock.advance(10_000);
  t.assert.equal(calls, 1, "op calls with maxAttempts 1");
  t.assert.equal(sleeps, [], "no delay");
  t.assert.equal(out.reason, transient(0), "rejects with op's error");
});

test("a non-retryable error after retries stops at once", { category: "stops at the first non-retryable error, even after retries" }, async (t) => {
  const { options, sleeps } = setup(t, { maxAttempts: 6 });
  let calls = 0;
  const op = async (attempt: number) => {
    calls++;
    throw attempt < 2 ? transient(attempt) : fatal(attempt);
  };
  const out = settle(t.exports.retry(op, options), t.clock);
  await t.clock.advance(60_000);
  t.assert.equal(calls, 3, "op calls");
  t.assert.equal(sleeps.length, 2, "delays slept");
  t.assert.equal(out.reason, fatal(2), "rejects with the non-retryable error");
});

test("a synchronous throw from op is retried like a rejection", { category: "treats a synchronous throw from op like a rejection" }, async (t) => {
  const { options } = setup(t);
  const op = (attempt: number) => {
    if (attempt === 0) throw transient(0);
    return Promise.resolve("ok");
  };
  const out = settle(t.exports.retry(op, options), t.clock);
  await t.clock.advance(10_000);
  t.assert.equal(out.status, "fulfilled", "retry settles successfully");
  t.assert.equal(out.value, "ok", "the value of the second attempt");
});

test("a first-time success needs no delay", { category: "returns at once when the first attempt succeeds" }, async (t) => {
  const { options, sleeps } = setup(t);
  const start = t.clock.now();
  const out = settle(t.exports.retry(async () => 7, options), t.clock);
  await t.clock.advance(1_000);
  t.assert.equal(out.value, 7, "the value");
  t.assert.equal(out.at, start, "resolved without waiting");
  t.assert.equal(sleeps, [], "no sleep");
});

test("random() is drawn only for a delay that follows a retryable failure", { category: "calls random() only when computing a delay (not before the first attempt, not once no retry can follow)" }, async (t) => {
  let draws = 0;
  const random = () => {
    draws++;
    return 0.5;
  };
  const success = setup(t, { random });
  const ok = settle(t.exports.retry(async () => "ok", success.options), t.clock);
  await t.clock.advance(1_000);
  t.assert.equal(ok.value, "ok", "a first-time success resolves");
  t.assert.equal(draws, 0, "random() calls when the first attempt succeeds");

  const single = setup(t, { maxAttempts: 1, random });
  const one = settle(t.exports.retry(alwaysFails, single.options), t.clock);
  await t.clock.advance(1_000);
  t.assert.equal(one.reason, transient(0), "maxAttempts 1 rejects with op's error");
  t.assert.equal(draws, 0, "random() calls when maxAttempts is 1");

  const fatalOnly = setup(t, { random });
  const f = settle(t.exports.retry(async (attempt: number) => { throw fatal(attempt); }, fatalOnly.options), t.clock);
  await t.clock.advance(1_000);
  t.assert.equal(f.reason, fatal(0), "a non-retryable error rejects");
  t.assert.equal(draws, 0, "random() calls after a non-retryable error");

  const three = setup(t, { maxAttempts: 3, random });
  const r = settle(t.exports.retry(alwaysFails, three.options), t.clock);
  await t.clock.advance(10_000);
  t.assert.equal(r.reason, transient(2), "maxAttempts 3 rejects with the last error");
  t.assert.equal(draws, 2, "random() calls for the two delays between three attempts");
});
