function setup(t: any, overrides: Record<string, unknown> = {}) {
  return t.exports.createBreaker({ failureThreshold: 3, coolDownMs: 5_000, now: t.clock.now, ...overrides });
}

function dependency(result: "ok" | "fail") {
  const dep = {
    calls: 0,
    fn: async () => {
      dep.calls++;
      if (result === "fail") throw new Error("dependency down");
      return "ok";
    },
  };
  return dep;
}

async function outcome(p: Promise<unknown>) {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

function settle(p: Promise<unknown>) {
  const out: { status: string; value?: unknown; reason?: unknown } = { status: "pending" };
  p.then(
    (value) => Object.assign(out, { status: "fulfilled", value }),
    (reason) => Object.assign(out, { status: "rejected", reason }),
  );
  return out;
}

async function trip(breaker: any, times = 3) {
  const down = dependency("fail");
  for (let i = 0; i < times; i++) await outcome(breaker.call(down.fn));
}

test("concurrent callers during the trial fail fast", { category: "admits exactly one trial call while half-open" }, async (t) => {
  for (const seed of [1, 7, 42]) {
    const breaker = setup(t);
    await trip(breaker);
    await t.clock.advance(5_000);
    let calls = 0;
    const fn = async () => {
      calls++;
      await t.point("dependency.call");
      await t.point("dependency.reply");
      return "ok";
    };
    const { results } = await t.concurrently([1, 2, 3, 4].map(() => () => breaker.call(fn)), { seed });
    const fulfilled = results.filter((r: any) => r.status === "fulfilled");
    const fastFailed = results.filter((r: any) => r.status === "rejected" && r.reason instanceof t.exports.CircuitOpenError);
    t.assert.equal(calls, 1, `calls that reached the recovering dependency (seed ${seed})`);
    t.assert.equal(fulfilled.length, 1, `callers that got the trial's value (seed ${seed})`);
    t.assert.equal(fastFailed.length, 3, `callers rejected with CircuitOpenError (seed ${seed})`);
    t.assert.equal(breaker.state(), "closed", `state after the successful trial (seed ${seed})`);
  }

  // Callers now arrive one by one, interleaved with the trial's progress: any that arrives while the
  // trial is still in flight must fail fast; ones that arrive after it closed the breaker pass.
  for (const seed of [3, 11, 29, 64]) {
    const breaker = setup(t);
    await trip(breaker);
    await t.clock.advance(5_000);
    let calls = 0;
    let trialDone = false;
    let overlapping = 0;
    const fn = async () => {
      calls++;
      if (calls > 1 && !trialDone) overlapping++;
      const isTrial = calls === 1;
      await t.point("dependency.call");
      await t.point("dependency.reply");
      if (isTrial) trialDone = true;
      return "ok";
    };
    const caller = async () => {
      await t.point("caller.arrives");
      return breaker.call(fn);
    };
    const { results } = await t.concurrently([caller, caller, caller, caller, caller], { seed });
    const fulfilled = results.filter((r: any) => r.status === "fulfilled");
    const others = results.filter((r: any) => r.status === "rejected" && !(r.reason instanceof t.exports.CircuitOpenError));
    t.assert.equal(overlapping, 0, `calls that reached the dependency while the trial was in flight (seed ${seed})`);
    t.assert.equal(others.length, 0, `rejections other than CircuitOpenError (seed ${seed})`);
    t.assert.equal(fulfilled.length, calls, `every caller that reached the dependency got its value (seed ${seed})`);
    t.assert.equal(breaker.state(), "closed", `state after the successful trial (seed ${seed})`);
  }
});

test("state is half-open while the trial is in flight", { category: "reports half-open while the trial is in flight" }, async (t) => {
  const breaker = setup(t);
  await trip(breaker);
  await t.clock.advance(5_000);
  t.assert.equal(breaker.state(), "open", "no call has arrived since the cool-down elapsed");
  const trial = settle(breaker.call(() => t.clock.sleep(1_000).then(() => "recovered")));
  t.assert.equal(breaker.state(), "half-open", "while the trial is in flight");
  const other = await outcome(breaker.call(async () => "sneaked in"));
  t.assert.ok(other.error instanceof t.exports.CircuitOpenError, "a second call during the trial fails fast");
  await t.clock.advance(1_000);
  t.assert.equal(trial.value, "recovered", "the trial's value");
  t.assert.equal(breaker.state(), "closed", "after the trial succeeded");
});

test("a failed trial re-opens for a full cool-down", { category: "re-opens on a failed trial and restarts the cool-down from that failure" }, async (t) => {
  const breaker = setup(t);
  await trip(breaker);
  await t.clock.advance(5_000);
  const trial = settle(
    breaker.call(async () => {
      await t.clock.sleep(1_000);
      throw new Error("still down");
    }),
  );
  await t.clock.advance(1_000);
  t.assert.equal((trial.reason as Error)?.message, "still down", "the trial rejects with the dependency's error");
  t.assert.equal(breaker.state(), "open", "state after a failed trial");
  await t.clock.advance(4_999);
  const early = dependency("ok");
  const r = await outcome(breaker.call(early.fn));
  t.assert.ok(r.error instanceof t.exports.CircuitOpenError, "4,999 ms after the failed trial: fails fast");
  t.assert.equal(early.calls, 0, "the dependency is not called before the new cool-down ends");
  await t.clock.advance(1);
  const up = dependency("ok");
  t.assert.equal(await breaker.call(up.fn), "ok", "5,000 ms after the failed trial: a new trial runs");
});

test("a success in between resets the failure count", { category: "counts only consecutive failures" }, async (t) => {
  const breaker = setup(t);
  const down = dependency("fail");
  const up = dependency("ok");
  await outcome(breaker.call(down.fn));
  await outcome(breaker.call(down.fn));
  await breaker.call(up.fn);
  await outcome(breaker.call(down.fn));
  await outcome(breaker.call(down.fn));
  t.assert.equal(breaker.state(), "closed", "fail, fail, ok, fail, fail with a threshold of 3");
  await outcome(breaker.call(down.fn));
  t.assert.equal(breaker.state(), "open", "after the third failure in a row");
});

test("the trial waits for the whole cool-down", { category: "waits the full cool-down before the trial" }, async (t) => {
  const breaker = setup(t);
  await trip(breaker);
  await t.clock.advance(4_999);
  const probe = dependency("ok");
  const r = await outcome(breaker.call(probe.fn));
  t.assert.ok(r.error instanceof t.exports.CircuitOpenError, "after 4,999 ms: fails fast");
  t.assert.equal(probe.calls, 0, "the dependency was not called at 4,999 ms");
  await t.clock.advance(1);
  t.assert.equal(await breaker.call(probe.fn), "ok", "after 5,000 ms: the trial runs");
});

test("fast-failed calls do not push the trial back", { category: "fast-fail rejections do not extend the cool-down" }, async (t) => {
  const breaker = setup(t);
  await trip(breaker);
  const probe = dependency("ok");
  for (const step of [1_000, 1_000, 2_000]) {
    await t.clock.advance(step);
    await outcome(breaker.call(probe.fn));
  }
  t.assert.equal(probe.calls, 0, "no call reached the dependency while open");
  await t.clock.advance(1_000);
  t.assert.equal(await breaker.call(probe.fn), "ok", "5,000 ms after opening the trial runs");
});

test("a slow success from before the breaker opened does not close it", { category: "ignores outcomes of calls admitted before the breaker opened" }, async (t) => {
  const breaker = setup(t, { failureThreshold: 2 });
  const slow = settle(breaker.call(() => t.clock.sleep(1_000).then(() => "late")));
  await trip(breaker, 2);
  t.assert.equal(breaker.state(), "open", "after two quick failures");
  await t.clock.advance(1_000);
  t.assert.equal(slow.value, "late", "the slow call still gets its own value");
  t.assert.equal(breaker.state(), "open", "the stale success does not close the breaker");
  const probe = dependency("ok");
  const r = await outcome(breaker.call(probe.fn));
  t.assert.ok(r.error instanceof t.exports.CircuitOpenError, "calls still fail fast");
  t.assert.equal(probe.calls, 0, "the dependency is not called");
});

test("a slow failure from before the breaker opened does not restart the cool-down", { category: "ignores outcomes of calls admitted before the breaker opened" }, async (t) => {
  const breaker = setup(t, { failureThreshold: 2 });
  const slow = settle(
    breaker.call(async () => {
      await t.clock.sleep(3_000);
      throw new Error("late failure");
    }),
  );
  await trip(breaker, 2);
  t.assert.equal(breaker.state(), "open", "after two quick failures");
  await t.clock.advance(3_000);
  t.assert.equal((slow.reason as Error)?.message, "late failure", "the slow call still gets its own error");
  t.assert.equal(breaker.state(), "open", "still open after the stale failure");
  await t.clock.advance(2_000);
  const up = dependency("ok");
  t.assert.equal(await breaker.call(up.fn), "ok", "5,000 ms after opening the trial runs (the stale failure did not restart the cool-down)");
  t.assert.equal(up.calls, 1, "the trial reached the dependency");
});

test("a slow success from before the breaker opened does not end the trial", { category: "ignores outcomes of calls admitted before the breaker opened" }, async (t) => {
  const breaker = setup(t, { failureThreshold: 2 });
  const slow = settle(breaker.call(() => t.clock.sleep(6_000).then(() => "late")));
  await trip(breaker, 2);
  await t.clock.advance(5_000);
  const trial = settle(breaker.call(() => t.clock.sleep(2_000).then(() => "recovered")));
  t.assert.equal(breaker.state(), "half-open", "the trial is in flight");
  await t.clock.advance(1_000);
  t.assert.equal(slow.value, "late", "the slow call still gets its own value");
  t.assert.equal(breaker.state(), "half-open", "the stale success does not close the breaker during the trial");
  const probe = dependency("ok");
  const r = await outcome(breaker.call(probe.fn));
  t.assert.ok(r.error instanceof t.exports.CircuitOpenError, "calls during the trial still fail fast");
  t.assert.equal(probe.calls, 0, "the dependency is not called during the trial");
  await t.clock.advance(1_000);
  t.assert.equal(trial.value, "recovered", "the trial's value");
  t.assert.equal(breaker.state(), "closed", "the trial's own success closes the breaker");
});

test("a synchronous throw counts as a failure", { category: "treats a synchronous throw from fn as a failure" }, async (t) => {
  const breaker = setup(t, { failureThreshold: 1 });
  let thrownSynchronously = false;
  let p: Promise<unknown> | undefined;
  try {
    p = breaker.call(() => {
      throw new Error("bad input");
    });
  } catch {
    thrownSynchronously = true;
  }
  t.assert.equal(thrownSynchronously, false, "call returns a rejected promise instead of throwing");
  const r = await outcome(p ?? Promise.resolve());
  t.assert.equal((r.error as Error)?.message, "bad input", "rejects with fn's error");
  t.assert.equal(breaker.state(), "open", "a threshold of 1 is reached");
});

test("the call that trips the breaker gets the dependency's error", { category: "rejects the tripping call with the dependency's own error" }, async (t) => {
  const breaker = setup(t, { failureThreshold: 2 });
  await outcome(breaker.call(dependency("fail").fn));
  const r = await outcome(
    breaker.call(async () => {
      throw new Error("timeout after 800 ms");
    }),
  );
  t.assert.equal(r.error instanceof t.exports.CircuitOpenError, false, "not a CircuitOpenError");
  t.assert.equal((r.error as Error)?.message, "timeout after 800 ms", "the dependency's own error");
  t.assert.equal(breaker.state(), "open", "the breaker is now open");
});
