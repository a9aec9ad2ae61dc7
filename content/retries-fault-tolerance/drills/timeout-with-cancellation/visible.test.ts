/** Records how a promise settles, without awaiting it (time only moves when the test advances it). */
function settle(p: Promise<unknown>) {
  const out: { status: string; value?: unknown; reason?: unknown } = { status: "pending" };
  p.then(
    (value) => Object.assign(out, { status: "fulfilled", value }),
    (reason) => Object.assign(out, { status: "rejected", reason }),
  );
  return out;
}

/** A fake operation: does `chunks` units of 10 ms work, stopping as soon as its signal is aborted. */
function work(t: any, chunks: number) {
  const seen: { signal?: any; done: number } = { done: 0 };
  const op = async (signal: any) => {
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

test("Controller: abort sets aborted and reason and calls the listeners", ({ exports, assert }) => {
  const controller = new exports.Controller();
  const { signal } = controller;
  assert.equal([signal.aborted, signal.reason], [false, undefined], "[aborted, reason] before abort");
  const calls: unknown[] = [];
  signal.onAbort((reason: unknown) => calls.push(["first", reason]));
  signal.onAbort((reason: unknown) => calls.push(["second", reason]));
  controller.abort("client hung up");
  assert.equal([signal.aborted, signal.reason], [true, "client hung up"], "[aborted, reason] after abort");
  assert.equal(calls, [["first", "client hung up"], ["second", "client hung up"]], "listener calls, in registration order");
});

test("resolves with the operation's value when it finishes in time", async (t) => {
  const { op, seen } = work(t, 3);
  const out = settle(t.exports.withTimeout(op, 100, { clock: t.clock }));
  await t.clock.advance(30);
  t.assert.equal(out.value, "done 3", "the operation's value after 30 ms");
  t.assert.equal(seen.signal?.aborted, false, "the operation's signal is not aborted");
});

test("rejects with a TimeoutError after exactly ms", async (t) => {
  const { op } = work(t, 100);
  const out = settle(t.exports.withTimeout(op, 50, { clock: t.clock }));
  await t.clock.advance(49);
  t.assert.equal(out.status, "pending", "after 49 ms");
  await t.clock.advance(1);
  t.assert.equal(out.status, "rejected", "after 50 ms");
  t.assert.ok(out.reason instanceof t.exports.TimeoutError, "rejects with a TimeoutError");
});
