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

test("returns the handler's result and forgets the request", async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now });
  const startedAt = t.clock.now();
  const g = gate();
  const p = start(t, tracker, "req-1", async () => {
    await g.opened;
    return { status: 200 };
  });
  t.assert.equal(tracker.inFlight(), ["req-1"], "in flight while the handler runs");
  await t.clock.advance(40);
  g.open();
  const o = await outcome(t, p, 'run("req-1")');
  t.assert.equal(o, { status: "fulfilled", value: { status: 200 } }, "what run resolved with");
  t.assert.equal(tracker.stats(), { inFlight: 0, history: 1 }, "stats() once it finished");
  t.assert.equal(tracker.recent(), [{ requestId: "req-1", startedAt, durationMs: 40, ok: true }], "recent()");
  await outcome(t, start(t, tracker, "req-2", async () => ({ status: 204 })), 'run("req-2")');
  t.assert.atMost(bus.count(), 1, "listeners left on the bus after two requests, with nothing in flight");
});

test("shutdown cancels the requests in flight", async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now });
  const g = gate();
  const contexts: any[] = [];
  const runs = ["a", "b", "c"].map((id) =>
    start(t, tracker, id, async (ctx) => {
      contexts.push(ctx);
      await g.opened;
      return ctx.cancelled;
    }),
  );
  t.assert.equal(tracker.stats().inFlight, 3, "requests in flight");
  bus.emit("shutdown");
  g.open();
  const o = await outcome(t, Promise.all(runs), "the three runs");
  t.assert.equal(o.status === "fulfilled" ? o.value : o.reason?.message, [true, true, true], "ctx.cancelled seen by each handler after shutdown");
  t.assert.equal(tracker.stats().inFlight, 0, "requests in flight after they finished");
});

test("history keeps only the latest historyLimit requests", async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now, historyLimit: 50 });
  for (let batch = 0; batch < 5; batch++) {
    const runs = Array.from({ length: 100 }, (_, j) => start(t, tracker, `r${batch * 100 + j}`, async () => j));
    await outcome(t, Promise.all(runs), `requests r${batch * 100}–r${batch * 100 + 99}`);
  }
  const recent = tracker.recent();
  t.assert.equal(recent.length, 50, "entries in recent()");
  t.assert.equal([recent[0]?.requestId, recent[49]?.requestId], ["r450", "r499"], "oldest and newest entry");
  t.assert.atMost(tracker.stats().history, 50, "history entries the tracker retains after 500 requests");
});

test("a failing handler's error reaches the caller", async (t) => {
  const bus = new TestBus();
  const tracker = t.exports.createRequestTracker({ bus, now: t.clock.now });
  const boom = new Error("upstream timed out");
  const o = await outcome(t, start(t, tracker, "req-1", async () => Promise.reject(boom)), 'run("req-1")');
  t.assert.ok(o.status === "rejected" && o.reason === boom, "run rejects with the handler's own error");
});
