function settle(p: Promise<unknown>) {
  const out: { status: string; value?: unknown; reason?: unknown } = { status: "pending" };
  p.then(
    (value) => Object.assign(out, { status: "fulfilled", value }),
    (reason) => Object.assign(out, { status: "rejected", reason }),
  );
  return out;
}

function work(t: any, chunks: number) {
  const seen: { signal?: any; done: number; calls: number } = { done: 0, calls: 0 };
  const op = async (signal: any) => {
    seen.calls++;
    seen.signal = signal;
    for (let i = 0; i < chunks; i++) {
      await t.clock.sleep(10);
      if (signal.aborted) throw signal.reason;
      seen.done++;
    }
    return `done ${chunks}`;
  };
  return { op, seen };
}

/** An operation the test finishes by hand (it sets no timers of its own). */
function manual() {
  const m: { signal?: any; resolve: (v: unknown) => void; reject: (e: unknown) => void } = { resolve: () => {}, reject: () => {} };
  const op = (signal: any) =>
    new Promise((resolve, reject) => {
      m.signal = signal;
      m.resolve = resolve;
      m.reject = reject;
    });
  return { op, m };
}

/** The caller's signal, written against the Signal interface only; it counts its listeners. */
class OuterSignal {
  aborted = false;
  reason: unknown = undefined;
  listeners: Array<(reason: unknown) => void> = [];
  onAbort(listener: (reason: unknown) => void) {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
  abort(reason: unknown) {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    for (const l of this.listeners.slice()) l(reason);
  }
}

test("the timeout aborts the operation's signal", { category: "aborts the operation's signal when it times out" }, async (t) => {
  const { op, seen } = work(t, 100);
  const out = settle(t.exports.withTimeout(op, 55, { clock: t.clock }));
  await t.clock.advance(55);
  t.assert.ok(out.reason instanceof t.exports.TimeoutError, "rejects with a TimeoutError");
  t.assert.equal(seen.signal?.aborted, true, "the operation's signal is aborted");
  t.assert.ok(seen.signal?.reason === out.reason, "the signal's reason is the same TimeoutError the caller got");
  await t.clock.advance(200);
  t.assert.equal(seen.done, 5, "units of 10 ms work completed (the operation stopped at the timeout)");
});

test("no timer is left when the operation wins", { category: "clears its timer when the operation finishes first" }, async (t) => {
  const { op, m } = manual();
  const out = settle(t.exports.withTimeout(op, 100, { clock: t.clock }));
  await t.clock.advance(40);
  m.resolve("row");
  await t.clock.advance(0);
  t.assert.equal(out.value, "row", "the operation's value");
  t.assert.equal(t.clock.pendingTimers(), 0, "timers still pending after the operation finished");
  await t.clock.advance(500);
  t.assert.equal(m.signal?.aborted, false, "the finished operation's signal is never aborted");
});

test("the caller's abort cancels the operation", { category: "propagates an outer abort to the operation" }, async (t) => {
  const outer = new OuterSignal();
  const { op, m } = manual();
  const out = settle(t.exports.withTimeout(op, 1_000, { clock: t.clock, signal: outer }));
  await t.clock.advance(50);
  outer.abort("client disconnected");
  await t.clock.advance(0);
  t.assert.equal(out.reason, "client disconnected", "rejects with the outer signal's reason");
  t.assert.equal([m.signal?.aborted, m.signal?.reason], [true, "client disconnected"], "[aborted, reason] of the operation's signal");
  t.assert.equal(t.clock.pendingTimers(), 0, "the timeout timer is cleared");
  await t.clock.advance(2_000);
  t.assert.equal(out.reason, "client disconnected", "no TimeoutError replaces the outer reason later");
});

test("an outer signal that is already aborted short-circuits", { category: "rejects at once if the outer signal is already aborted" }, async (t) => {
  const outer = new OuterSignal();
  outer.abort("request cancelled");
  let called = 0;
  const out = settle(
    t.exports.withTimeout(
      async () => {
        called++;
        return "should not run";
      },
      100,
      { clock: t.clock, signal: outer },
    ),
  );
  await t.clock.advance(0);
  t.assert.equal(out.reason, "request cancelled", "rejects with the outer reason");
  t.assert.equal(called, 0, "the operation is not called");
  t.assert.equal(t.clock.pendingTimers(), 0, "no timer was set");
});

test("no listener is left on the caller's signal", { category: "stops listening to the outer signal once settled" }, async (t) => {
  const outer = new OuterSignal();
  const fast = manual();
  const a = settle(t.exports.withTimeout(fast.op, 100, { clock: t.clock, signal: outer }));
  fast.m.resolve("fast");
  await t.clock.advance(0);
  t.assert.equal(a.value, "fast", "the first call resolves");
  t.assert.equal(outer.listeners.length, 0, "listeners left after the operation won");
  const slow = manual();
  const b = settle(t.exports.withTimeout(slow.op, 100, { clock: t.clock, signal: outer }));
  await t.clock.advance(100);
  t.assert.ok(b.reason instanceof t.exports.TimeoutError, "the second call times out");
  t.assert.equal(outer.listeners.length, 0, "listeners left after the timeout");
  outer.abort("late");
  t.assert.equal(fast.m.signal?.aborted, false, "a late outer abort does not touch a finished operation");
});

test("only the first abort counts", { category: "Controller: only the first abort counts, and a listener added after it is never called" }, ({ exports, assert }) => {
  const controller = new exports.Controller();
  let calls = 0;
  controller.signal.onAbort(() => calls++);
  controller.abort("first");
  controller.abort("second");
  assert.equal(controller.signal.reason, "first", "the reason stays the first one");
  assert.equal(calls, 1, "listener calls after two aborts");
  let late = 0;
  controller.signal.onAbort(() => late++);
  controller.abort("third");
  assert.equal(late, 0, "a listener added after the abort is not called");
});

test("a removed listener is not called", { category: "Controller: a removed listener is not called" }, ({ exports, assert }) => {
  const controller = new exports.Controller();
  const calls: string[] = [];
  const removeA = controller.signal.onAbort(() => calls.push("a"));
  controller.signal.onAbort(() => calls.push("b"));
  removeA();
  removeA();
  controller.abort("stop");
  assert.equal(calls, ["b"], "listeners called after removing a (twice)");
});

test("a synchronous throw from the operation", { category: "treats a synchronous throw from the operation as its failure" }, async (t) => {
  let threw = false;
  let p: Promise<unknown> = Promise.resolve();
  try {
    p = t.exports.withTimeout(
      () => {
        throw new Error("bad query");
      },
      100,
      { clock: t.clock },
    );
  } catch {
    threw = true;
  }
  t.assert.equal(threw, false, "withTimeout returns a rejected promise instead of throwing");
  const out = settle(p);
  await t.clock.advance(0);
  t.assert.equal((out.reason as Error)?.message, "bad query", "rejects with the operation's error");
  t.assert.equal(t.clock.pendingTimers(), 0, "no timer left pending");
});

test("an operation's own failure passes through unchanged", { category: "passes the operation's own error through when it fails first" }, async (t) => {
  const { op, m } = manual();
  const out = settle(t.exports.withTimeout(op, 100, { clock: t.clock }));
  await t.clock.advance(20);
  const error = new Error("connection reset");
  m.reject(error);
  await t.clock.advance(0);
  t.assert.ok(out.reason === error, "rejects with the very error the operation threw");
  t.assert.equal(m.signal?.aborted, false, "the operation's signal is not aborted");
  t.assert.equal(t.clock.pendingTimers(), 0, "no timer left pending");
});
