// Errors are plain objects so you can see which attempt produced them.
const transient = (attempt: number) => ({ kind: "transient", attempt });
const fatal = (attempt: number) => ({ kind: "fatal", attempt });
const isRetryable = (e: any) => e?.kind === "transient";

/** Options wired to the virtual clock; every delay passed to sleep is recorded in `sleeps`. */
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

/** Records how and when a promise settles, without awaiting it (time only moves when the test advances it). */
function settle(p: Promise<unknown>, clock: any) {
  const out: { status: string; value?: unknown; reason?: unknown; at?: number } = { status: "pending" };
  p.then(
    (value) => Object.assign(out, { status: "fulfilled", value, at: clock.now() }),
    (reason) => Object.assign(out, { status: "rejected", reason, at: clock.now() }),
  );
  return out;
}

test("returns the value once a retryable failure clears", async (t) => {
  const { options } = setup(t);
  const attempts: number[] = [];
  const op = async (attempt: number) => {
    attempts.push(attempt);
    if (attempt < 2) throw transient(attempt);
    return "quote-42";
  };
  const out = settle(t.exports.retry(op, options), t.clock);
  await t.clock.advance(10_000);
  t.assert.equal(out.status, "fulfilled", "retry settles successfully");
  t.assert.equal(out.value, "quote-42", "the value of the successful attempt");
  t.assert.equal(attempts, [0, 1, 2], "the attempt numbers op was called with");
});

test("waits random() × min(cap, base × 2^k) between attempts", async (t) => {
  const { options, sleeps } = setup(t, { maxAttempts: 4, baseMs: 100, random: () => 0.5 });
  const op = async (attempt: number) => {
    throw transient(attempt);
  };
  const out = settle(t.exports.retry(op, options), t.clock);
  await t.clock.advance(10_000);
  t.assert.equal(out.status, "rejected", "every attempt failed");
  t.assert.equal(sleeps.length, 3, "three delays between four attempts");
  t.assert.closeTo(sleeps[0]!, 50, 1e-9, "first delay: 0.5 × 100");
  t.assert.closeTo(sleeps[1]!, 100, 1e-9, "second delay: 0.5 × 200");
  t.assert.closeTo(sleeps[2]!, 200, 1e-9, "third delay: 0.5 × 400");
});

test("rethrows a non-retryable error without retrying", async (t) => {
  const { options, sleeps } = setup(t);
  let calls = 0;
  const op = async (attempt: number) => {
    calls++;
    throw fatal(attempt);
  };
  const out = settle(t.exports.retry(op, options), t.clock);
  await t.clock.advance(10_000);
  t.assert.equal(out.reason, fatal(0), "the rejection is op's own error");
  t.assert.equal(calls, 1, "op calls");
  t.assert.equal(sleeps, [], "no delay before giving up");
});

test("gives up after maxAttempts with the last error", async (t) => {
  const { options, sleeps } = setup(t, { maxAttempts: 3 });
  let calls = 0;
  const op = async (attempt: number) => {
    calls++;
    throw transient(attempt);
  };
  const out = settle(t.exports.retry(op, options), t.clock);
  await t.clock.advance(10_000);
  t.assert.equal(calls, 3, "op calls with maxAttempts 3");
  t.assert.equal(sleeps.length, 2, "delays between three attempts");
  t.assert.equal(out.reason, transient(2), "the error of the last attempt");
});
