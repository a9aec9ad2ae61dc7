/** An event bus like Node's EventEmitter, reduced to what the tracker uses; `count()` inspects it. */
class TestBus {
  private listeners: Array<() => void> = [];
  on(event: string, listener: () => void) {
    if (event !== "shutdown") throw new Error(`unexpected event ${event}`);
    this.listeners.push(listener);
  }
  off(event: string, listener: () => void) {
    const i = this.listeners.indexOf(listener);
    if (event === "shutdown" && i !== -1) this.listeners.splice(i, 1);
  }
  emit(event: string) {
    if (event === "shutdown") for (const listener of [...this.listeners]) listener();
  }
  count() {
    return this.listeners.length;
  }
}

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Waits for `p` without hanging the run if it never settles. */
async function outcome(t: any, p: unknown, what: string): Promise<{ status: "fulfilled"; value: any } | { status: "rejected"; reason: any }> {
  let state: any = { status: "pending" };
  Promise.resolve(p).then(
    (value) => void (state = { status: "fulfilled", value }),
    (reason) => void (state = { status: "rejected", reason }),
  );
  for (let i = 0; i < 10 && state.status === "pending"; i++) await t.clock.advance(0);
  if (state.status === "pending") t.assert.ok(false, `${what} never settled`);
  return state;
}

/** Calls tracker.run, turning a synchronous throw (which run must never do) into a failed assertion. */
function start(t: any, tracker: any, id: string, handler: (ctx: any) => unknown): Promise<unknown> {
  try {
    return tracker.run(id, handler);
  } catch (e: any) {
    t.assert.ok(false, `run("${id}") threw synchronously (${e?.message}) instead of returning a rejected promise`);
    throw e;
  }
}

test("after a rejected handler", { category: "cleans up a request whose handler rejects" }, async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now });
  for (let i = 0; i < 20; i++) {
    const o = await outcome(t, start(t, tracker, `bad-${i}`, async () => Promise.reject(new Error("db down"))), `request bad-${i}`);
    t.assert.equal(o.status, "rejected", `request bad-${i}`);
  }
  t.assert.equal(tracker.stats().inFlight, 0, "in-flight requests after 20 failures");
  t.assert.equal(tracker.inFlight(), [], "inFlight() after 20 failures");
  t.assert.atMost(bus.count(), 1, "listeners left on the bus after 20 failures");
});

test("after a handler that throws synchronously", { category: "cleans up when the handler throws synchronously" }, async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now });
  const bad = new TypeError("cannot read properties of undefined");
  const o = await outcome(t, start(t, tracker, "sync-1", () => { throw bad; }), 'run("sync-1")');
  t.assert.ok(o.status === "rejected" && o.reason === bad, "run rejects with the thrown error");
  t.assert.equal(tracker.stats().inFlight, 0, "in-flight requests");
  t.assert.atMost(bus.count(), 1, "listeners left on the bus");
  t.assert.equal(tracker.recent().map((c: any) => [c.requestId, c.ok]), [["sync-1", false]], "recent()");
});

test("2,000 requests, many failing", { category: "stays bounded over thousands of requests that succeed and fail" }, async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now, historyLimit: 64 });
  let failed = 0;
  for (let batch = 0; batch < 20; batch++) {
    const runs: Promise<unknown>[] = [];
    for (let j = 0; j < 100; j++) {
      const i = batch * 100 + j;
      const handler =
        i % 7 === 0
          ? () => { throw new Error(`sync failure ${i}`); }
          : i % 3 === 0
            ? async () => { throw new Error(`async failure ${i}`); }
            : i % 5 === 0
              ? () => ({ i }) // a plain, non-async handler
              : async () => ({ i });
      runs.push(start(t, tracker, `req-${i}`, handler).then(() => undefined, () => void failed++));
    }
    t.assert.atMost(bus.count(), 101, `batch ${batch}: listeners on the bus with 100 requests in flight`);
    await outcome(t, Promise.all(runs), `batch ${batch}`);
  }
  t.assert.ok(failed > 800, "the handlers' errors reached the callers");
  t.assert.equal(tracker.stats().inFlight, 0, "in-flight requests after all 2,000 finished");
  t.assert.atMost(tracker.stats().history, 64, "history entries retained");
  t.assert.atMost(bus.count(), 1, "listeners left on the bus");
  const last = tracker.recent().at(-1);
  t.assert.equal(last && [last.requestId, last.ok], ["req-1999", true], "the newest history entry");
});

test("200 requests in flight at once", { category: "tracks many concurrent in-flight requests, cancels them on shutdown, and cleans up after each one" }, async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now });
  const g = gate();
  const ids = Array.from({ length: 200 }, (_, i) => `slow-${i}`);
  const contexts: any[] = [];
  const runs = ids.map((id) =>
    start(t, tracker, id, async (ctx) => {
      contexts.push(ctx);
      await g.opened;
      if (id.endsWith("7")) throw new Error("aborted");
      return id;
    }),
  );
  t.assert.equal(tracker.stats().inFlight, 200, "stats().inFlight");
  t.assert.equal(tracker.inFlight(), ids, "inFlight(), in start order");
  t.assert.atMost(bus.count(), 201, "listeners with 200 requests in flight");
  bus.emit("shutdown");
  t.assert.equal(contexts.filter((c) => c.cancelled).length, 200, "contexts cancelled by shutdown");
  g.open();
  await outcome(t, Promise.allSettled(runs), "the 200 runs");
  t.assert.equal(tracker.stats().inFlight, 0, "in flight after they all finished");
  t.assert.atMost(bus.count(), 1, "listeners left on the bus");
});

test("shutdown after requests have finished", { category: "does not touch finished requests on shutdown" }, async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now });
  const contexts: any[] = [];
  await outcome(t, start(t, tracker, "done-ok", async (ctx) => void contexts.push(ctx)), "done-ok");
  await outcome(t, start(t, tracker, "done-err", async (ctx) => { contexts.push(ctx); throw new Error("x"); }), "done-err");
  const g = gate();
  const live = start(t, tracker, "live", async (ctx) => {
    contexts.push(ctx);
    await g.opened;
  });
  bus.emit("shutdown");
  t.assert.equal(contexts.map((c) => [c.requestId, c.cancelled]), [["done-ok", false], ["done-err", false], ["live", true]], "cancelled flags after shutdown");
  g.open();
  await outcome(t, live, "live");
});

test("history entries", { category: "records every completed request, oldest first, within historyLimit" }, async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now, historyLimit: 3 });
  const t0 = t.clock.now();
  const plan: Array<[string, number, boolean]> = [["a", 10, true], ["b", 20, false], ["c", 5, true], ["d", 0, false], ["e", 30, true]];
  for (const [id, ms, ok] of plan) {
    const p = start(t, tracker, id, async () => {
      await t.clock.sleep(ms);
      if (!ok) throw new Error(`${id} failed`);
      return id;
    });
    await t.clock.advance(ms);
    await outcome(t, p, `request ${id}`);
  }
  t.assert.equal(
    tracker.recent(),
    [
      { requestId: "c", startedAt: t0 + 30, durationMs: 5, ok: true },
      { requestId: "d", startedAt: t0 + 35, durationMs: 0, ok: false },
      { requestId: "e", startedAt: t0 + 35, durationMs: 30, ok: true },
    ],
    "recent() with historyLimit 3",
  );
  t.assert.equal(tracker.stats().history, 3, "history entries retained");
});

test("default history size", { category: "keeps 100 history entries by default" }, async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now });
  const runs = Array.from({ length: 150 }, (_, i) => start(t, tracker, `r${i}`, () => i));
  await outcome(t, Promise.all(runs), "150 requests");
  t.assert.equal(tracker.recent().length, 100, "entries in recent()");
  t.assert.equal(tracker.recent()[0]?.requestId, "r50", "oldest entry kept");
  t.assert.atMost(tracker.stats().history, 100, "history entries retained");
});

test("results and errors pass through unchanged", { category: "passes the handler's result or error through unchanged" }, async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now });
  const body = { items: [1, 2, 3] };
  const a = await outcome(t, start(t, tracker, "a", async () => body), "async handler");
  t.assert.ok(a.status === "fulfilled" && a.value === body, "resolves with the very object the async handler returned");
  const b = await outcome(t, start(t, tracker, "b", () => 42), "plain handler");
  t.assert.equal(b, { status: "fulfilled", value: 42 }, "a non-async handler's return value");
  const err = new RangeError("page out of range");
  const c = await outcome(t, start(t, tracker, "c", async () => { throw err; }), "throwing async handler");
  t.assert.ok(c.status === "rejected" && c.reason === err, "rejects with the very error the handler threw");
});
