function setup(t: any, overrides: Record<string, unknown> = {}) {
  return t.exports.createBreaker({ failureThreshold: 3, coolDownMs: 5_000, now: t.clock.now, ...overrides });
}

/** A fake dependency call that counts how often the breaker really invoked it. */
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

test("passes values and errors through while closed", async (t) => {
  const breaker = setup(t);
  t.assert.equal(breaker.state(), "closed", "initial state");
  t.assert.equal(await breaker.call(async () => "a"), "a", "value of a successful call");
  const failed = await outcome(breaker.call(dependency("fail").fn));
  t.assert.equal(failed.ok, false, "a failing call rejects");
  t.assert.equal((failed.error as Error)?.message, "dependency down", "with the dependency's own error");
  t.assert.equal(breaker.state(), "closed", "one failure is below the threshold of 3");
});

test("opens after failureThreshold consecutive failures and fails fast", async (t) => {
  const breaker = setup(t);
  const down = dependency("fail");
  for (let i = 0; i < 3; i++) await outcome(breaker.call(down.fn));
  t.assert.equal(breaker.state(), "open", "after 3 consecutive failures");
  const probe = dependency("ok");
  const r = await outcome(breaker.call(probe.fn));
  t.assert.equal(r.ok, false, "a call while open rejects");
  t.assert.ok(r.error instanceof t.exports.CircuitOpenError, "with a CircuitOpenError");
  t.assert.equal(probe.calls, 0, "the dependency is not called while open");
});

test("after the cool-down a successful trial closes the breaker", async (t) => {
  const breaker = setup(t);
  const down = dependency("fail");
  for (let i = 0; i < 3; i++) await outcome(breaker.call(down.fn));
  await t.clock.advance(5_000);
  const up = dependency("ok");
  t.assert.equal(await breaker.call(up.fn), "ok", "the trial call's value");
  t.assert.equal(up.calls, 1, "the trial reached the dependency");
  t.assert.equal(breaker.state(), "closed", "state after a successful trial");
  t.assert.equal(await breaker.call(up.fn), "ok", "calls pass through again");
});
