/**
 * The test harness that runs INSIDE the isolate, next to the learner's module. It is shipped as
 * source (`harnessFactory.toString()`), so it must not import anything or refer to anything outside
 * itself. It runs before any learner code and keeps everything it needs in closures: the learner's
 * code can reach only the JavaScript built-ins (frozen by `lockdown`) and `console`.
 *
 * Pass/fail is not decided here. Every assertion is sent to the host (the child process) as a
 * serialised value and compared there, where prototype tricks in the isolate cannot reach.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
type HostRef = { applySync(receiver: unknown, args: unknown[]): unknown };

export function harnessFactory(hostAssert: HostRef, hostLog: HostRef, hostHmac: HostRef) {
  "use strict";
  const G: any = globalThis;
  // Capture the built-ins the harness relies on before learner code can run.
  const { keys: objectKeys, getPrototypeOf, freeze, getOwnPropertyNames, getOwnPropertyDescriptor } = Object;
  const isArray = Array.isArray;
  const stringify = JSON.stringify;
  const PromiseCtor = Promise;
  const MapCtor = Map;
  const SetCtor = Set;
  const DateCtor = Date;
  const ErrorCtor = Error;
  const mathFloor = Math.floor;
  const mathImul = Math.imul;
  const StringCtor = String;

  // ── serialising values for the host ──────────────────────────────────────────────────────
  function describe(value: unknown, seen: any[] = [], depth = 0): unknown {
    if (value === undefined) return { $: "undefined" };
    if (value === null || typeof value === "boolean" || typeof value === "string") return value;
    if (typeof value === "number") {
      if (value !== value) return { $: "NaN" };
      if (value === Infinity || value === -Infinity) return { $: value > 0 ? "Infinity" : "-Infinity" };
      if (value === 0 && 1 / value < 0) return { $: "-0" };
      return value;
    }
    if (typeof value === "bigint") return { $: "bigint", v: StringCtor(value) };
    if (typeof value === "symbol") return { $: "symbol", v: StringCtor(value.description) };
    if (typeof value === "function") return { $: "function", v: StringCtor((value as any).name || "anonymous") };
    if (depth > 12) return { $: "…" };
    if (seen.indexOf(value) !== -1) return { $: "circular" };
    const next = seen.concat([value]);
    if (value instanceof DateCtor) return { $: "Date", v: (value as Date).getTime() };
    if (value instanceof ErrorCtor) return { $: "Error", name: (value as Error).name, message: (value as Error).message };
    if (value instanceof MapCtor) {
      const entries: unknown[] = [];
      (value as Map<unknown, unknown>).forEach((v, k) => entries.push([describe(k, next, depth + 1), describe(v, next, depth + 1)]));
      return { $: "Map", v: entries };
    }
    if (value instanceof SetCtor) {
      const items: unknown[] = [];
      (value as Set<unknown>).forEach((v) => items.push(describe(v, next, depth + 1)));
      return { $: "Set", v: items };
    }
    if (value instanceof PromiseCtor) return { $: "Promise" };
    if (isArray(value)) {
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) out.push(describe(value[i], next, depth + 1));
      return out;
    }
    if (ArrayBuffer.isView(value)) return { $: (value as any).constructor?.name ?? "TypedArray", v: Array.from(value as any) };
    const proto = getPrototypeOf(value);
    const out: Record<string, unknown> = {};
    for (const k of objectKeys(value as object)) {
      const d = getOwnPropertyDescriptor(value, k);
      out[k] = d && "value" in d ? describe(d.value, next, depth + 1) : { $: "getter" };
    }
    if (proto !== null && proto !== Object.prototype) return { $: "instance", cls: StringCtor(proto?.constructor?.name ?? "?"), v: out };
    return out;
  }

  /** Bumped by every harness call (assertions, yield points, clock moves), to tell a stuck test from a busy one. */
  let activity = 0;

  function send(kind: string, actual: unknown, expected: unknown, extra: unknown, message: unknown): void {
    activity++;
    const verdict = hostAssert.applySync(undefined, [
      kind,
      stringify(describe(actual)),
      stringify(describe(expected)),
      stringify(describe(extra)),
      typeof message === "string" ? message : "",
    ]) as string;
    if (verdict !== "ok") {
      const e = new ErrorCtor(verdict);
      e.name = "AssertionError";
      throw e;
    }
  }

  const assert = freeze({
    equal(actual: unknown, expected: unknown, message?: string) {
      send("equal", actual, expected, null, message);
    },
    notEqual(actual: unknown, expected: unknown, message?: string) {
      send("notEqual", actual, expected, null, message);
    },
    ok(value: unknown, message?: string) {
      send("ok", value, true, null, message);
    },
    closeTo(actual: number, expected: number, epsilon: number, message?: string) {
      send("closeTo", actual, expected, epsilon, message);
    },
    atMost(actual: number, limit: number, message?: string) {
      send("atMost", actual, limit, null, message);
    },
    atLeast(actual: number, limit: number, message?: string) {
      send("atLeast", actual, limit, null, message);
    },
    throws(fn: () => unknown, match?: string, message?: string) {
      let thrown: unknown = undefined;
      let didThrow = false;
      try {
        fn();
      } catch (e) {
        didThrow = true;
        thrown = e;
      }
      send("throws", didThrow ? { threw: true, message: errorMessage(thrown) } : { threw: false }, match ?? null, null, message);
    },
    async rejects(fnOrPromise: (() => Promise<unknown>) | Promise<unknown>, match?: string, message?: string) {
      let thrown: unknown = undefined;
      let didThrow = false;
      try {
        await (typeof fnOrPromise === "function" ? fnOrPromise() : fnOrPromise);
      } catch (e) {
        didThrow = true;
        thrown = e;
      }
      send("throws", didThrow ? { threw: true, message: errorMessage(thrown) } : { threw: false }, match ?? null, null, message);
    },
  });

  function errorMessage(e: unknown): string {
    if (e && typeof e === "object" && "message" in e) return StringCtor((e as { message: unknown }).message);
    return StringCtor(e);
  }

  // ── console: captured, capped by the host ───────────────────────────────────────────────
  function format(args: unknown[]): string {
    return args.map((a) => (typeof a === "string" ? a : stringify(describe(a)))).join(" ");
  }
  const consoleObject = freeze({
    log: (...args: unknown[]) => void hostLog.applySync(undefined, [format(args)]),
    info: (...args: unknown[]) => void hostLog.applySync(undefined, [format(args)]),
    warn: (...args: unknown[]) => void hostLog.applySync(undefined, [format(args)]),
    error: (...args: unknown[]) => void hostLog.applySync(undefined, [format(args)]),
    debug: (...args: unknown[]) => void hostLog.applySync(undefined, [format(args)]),
  });

  // ── determinism: seeded random, virtual clock, scheduler ────────────────────────────────
  function rng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = mathImul(t ^ (t >>> 15), t | 1);
      t ^= t + mathImul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  async function flush(): Promise<void> {
    for (let i = 0; i < 64; i++) await undefined;
  }

  type Timer = { id: number; at: number; fn: () => void };

  function createClock(start: number) {
    let now = start;
    let nextId = 1;
    let timers: Timer[] = [];
    const clock = {
      /** Milliseconds since the epoch, virtual. */
      now: () => now,
      setTimeout(fn: () => void, ms: number): number {
        const id = nextId++;
        timers.push({ id, at: now + Math.max(0, Number(ms) || 0), fn });
        return id;
      },
      clearTimeout(id: number): void {
        timers = timers.filter((t) => t.id !== id);
      },
      /** Resolves once virtual time has advanced by `ms`. */
      sleep(ms: number): Promise<void> {
        return new PromiseCtor<void>((resolve) => void clock.setTimeout(resolve, ms));
      },
      /** Moves time forward, firing due timers in order and letting promises settle between them. */
      async advance(ms: number): Promise<void> {
        activity++;
        const target = now + ms;
        for (;;) {
          await flush();
          timers.sort((a, b) => a.at - b.at || a.id - b.id);
          const t = timers[0];
          if (!t || t.at > target) break;
          timers = timers.slice(1);
          now = t.at;
          t.fn();
        }
        now = target;
        await flush();
      },
      /** Advances to the next pending timer, if any. */
      async tick(): Promise<boolean> {
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        const t = timers[0];
        if (!t) return false;
        await clock.advance(t.at - now);
        return true;
      },
      pendingTimers: () => timers.length,
    };
    return freeze(clock);
  }

  function createScheduler(clock: ReturnType<typeof createClock>) {
    let waiting: Array<{ label: string; resolve: () => void }> = [];
    let trace: string[] = [];
    let active = false;
    return {
      /** An await point the scheduler controls. Outside `concurrently` it passes straight through. */
      point(label: string): Promise<void> {
        activity++;
        if (!active) return PromiseCtor.resolve();
        return new PromiseCtor<void>((resolve) => waiting.push({ label: StringCtor(label), resolve }));
      },
      /**
       * Starts every task, then repeatedly lets one waiting task continue, chosen by a seeded random
       * source, until all have settled. The same seed gives the same interleaving every time.
       */
      async concurrently<T>(tasks: Array<() => Promise<T>>, options: { seed?: number } = {}) {
        const pick = rng(options.seed ?? 1);
        active = true;
        waiting = [];
        trace = [];
        const settled: Array<{ status: "fulfilled"; value: T } | { status: "rejected"; reason: unknown } | null> = tasks.map(() => null);
        tasks.forEach((task, i) => {
          PromiseCtor.resolve()
            .then(task)
            .then(
              (value) => void (settled[i] = { status: "fulfilled", value }),
              (reason) => void (settled[i] = { status: "rejected", reason }),
            );
        });
        try {
          for (let steps = 0; ; steps++) {
            await flush();
            if (settled.every((s) => s !== null)) break;
            if (steps > 10_000) throw new ErrorCtor("the tasks did not finish within 10,000 scheduling steps");
            if (waiting.length === 0) {
              if (await clock.tick()) continue;
              throw new ErrorCtor("the tasks are stuck: they wait on something that never completes");
            }
            const i = mathFloor(pick() * waiting.length);
            const [w] = waiting.splice(i, 1);
            trace.push(w!.label);
            w!.resolve();
          }
        } finally {
          active = false;
        }
        return { results: settled as Array<{ status: "fulfilled"; value: T } | { status: "rejected"; reason: unknown }>, trace: [...trace] };
      },
      trace: () => [...trace],
    };
  }

  // ── fault injection ─────────────────────────────────────────────────────────────────────
  class InjectedFault extends ErrorCtor {
    constructor(message: string) {
      super(message);
      this.name = "InjectedFault";
    }
  }
  const faults = freeze({
    InjectedFault,
    /** Wraps `fn` so that the listed calls (1-based) throw (or reject, for async fns). */
    failOn<A extends unknown[], R>(fn: (...args: A) => R, calls: number[], message = "injected failure") {
      let n = 0;
      const wrapped = (...args: A): R => {
        n++;
        if (calls.indexOf(n) !== -1) throw new InjectedFault(`${message} (call ${n})`);
        return fn(...args);
      };
      return Object.assign(wrapped, { calls: () => n });
    },
    /** Every item `times` times, in order: the shape of at-least-once delivery. */
    duplicate<T>(items: T[], times = 2): T[] {
      const out: T[] = [];
      for (const it of items) for (let i = 0; i < times; i++) out.push(it);
      return out;
    },
    /** A function that throws a crash on its `step`-th call (1-based): simulates a process dying there. */
    crashAt(step: number) {
      let n = 0;
      return () => {
        n++;
        if (n === step) throw new InjectedFault(`crash at step ${step}`);
      };
    },
  });

  // ── crypto the learner may be given (computed by the host) ─────────────────────────────
  const crypto = freeze({
    hmacSha256Base64url: (key: string, data: string): string => hostHmac.applySync(undefined, ["hmac", StringCtor(key), StringCtor(data)]) as string,
    base64urlEncode: (text: string): string => hostHmac.applySync(undefined, ["b64e", StringCtor(text), ""]) as string,
    base64urlDecode: (b64: string): string => hostHmac.applySync(undefined, ["b64d", StringCtor(b64), ""]) as string,
  });

  // ── tests ───────────────────────────────────────────────────────────────────────────────
  type TestFn = (t: any) => unknown;
  type Registered = { name: string; category: string | null; hidden: boolean; fn: TestFn; seed: number };
  const tests: Registered[] = [];
  let learnerExports: any = null;

  function register(name: unknown, a: unknown, b?: unknown) {
    const opts = (typeof a === "function" ? {} : a) as { category?: string; seed?: number };
    const fn = (typeof a === "function" ? a : b) as TestFn;
    if (typeof fn !== "function") throw new ErrorCtor(`test "${StringCtor(name)}" has no function`);
    tests.push({ name: StringCtor(name), category: opts.category ? StringCtor(opts.category) : null, hidden: registeringHidden, fn, seed: opts.seed ?? tests.length + 1 });
  }
  let registeringHidden = false;

  /**
   * Freezing a prototype makes its data properties non-writable, and then ordinary code such as
   * `this.name = "MyError"` in an Error subclass throws (JavaScript's "override mistake"). As SES
   * does, turn those properties into accessors whose setter defines an own property on the
   * instance instead, so overriding works while the shared prototype stays untouched.
   */
  function enableOverrides(proto: any) {
    for (const key of getOwnPropertyNames(proto)) {
      const d = getOwnPropertyDescriptor(proto, key);
      if (!d || !("value" in d) || !d.configurable) continue;
      const value = d.value;
      Object.defineProperty(proto, key, {
        configurable: false,
        enumerable: d.enumerable,
        get() {
          return value;
        },
        set(this: any, next: unknown) {
          if (this === proto) throw new TypeError(`Cannot assign to read only property '${key}' of a built-in prototype`);
          Object.defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
        },
      });
    }
  }

  /** Freezes the built-ins so learner code cannot rewrite what tests and assertions rely on. */
  function lockdown() {
    for (const ctor of [Object, Function, Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, AggregateError]) {
      enableOverrides(ctor.prototype);
    }
    // The global object itself stays writable (the host leaves the learner's module on it).
    const seen = new SetCtor<unknown>([G]);
    const freezeDeep = (o: any) => {
      if (o === null || (typeof o !== "object" && typeof o !== "function") || seen.has(o)) return;
      seen.add(o);
      freeze(o);
      for (const k of getOwnPropertyNames(o)) {
        const d = getOwnPropertyDescriptor(o, k);
        if (d && "value" in d) freezeDeep(d.value);
      }
      freezeDeep(getPrototypeOf(o));
    };
    for (const name of getOwnPropertyNames(G)) {
      if (name === "console" || name.startsWith("__gw")) continue;
      const d = getOwnPropertyDescriptor(G, name);
      if (d && "value" in d) freezeDeep(d.value);
    }
  }

  return freeze({
    /** Runs the compiled test files (a function taking `test`) to register their tests. */
    registerTests(): { count: number } {
      const visible = G.__gw_tests as (test: typeof register) => void;
      const hidden = G.__gw_hidden_tests as ((test: typeof register) => void) | undefined;
      delete G.__gw_tests;
      delete G.__gw_hidden_tests;
      visible(register);
      if (hidden) {
        registeringHidden = true;
        hidden(register);
        registeringHidden = false;
      }
      return { count: tests.length };
    },
    lockdown() {
      G.console = consoleObject;
      lockdown();
    },
    /** Evaluates the learner's module (a CommonJS-style factory left on the global by the host). */
    loadModule(): { ok: true } | { ok: false; message: string } {
      const factory = G.__gw_module as (exports: any, module: any) => void;
      delete G.__gw_module;
      const module = { exports: {} as any };
      try {
        factory(module.exports, module);
        learnerExports = module.exports;
        return { ok: true };
      } catch (e) {
        return { ok: false, message: `${(e as Error)?.name ?? "Error"}: ${errorMessage(e)}` };
      }
    },
    list(): Array<{ name: string; category: string | null; hidden: boolean }> {
      return tests.map((t) => ({ name: t.name, category: t.category, hidden: t.hidden }));
    },
    /** Runs one test; resolves to null on completion or an error message. */
    async runTest(index: number): Promise<string | null> {
      const t = tests[index]!;
      const clock = createClock(1_700_000_000_000);
      const scheduler = createScheduler(clock);
      const random = rng(t.seed);
      const ctx = freeze({
        exports: learnerExports,
        assert,
        clock,
        random,
        seed: t.seed,
        point: scheduler.point,
        concurrently: scheduler.concurrently,
        trace: scheduler.trace,
        faults,
        crypto,
        log: consoleObject.log,
      });
      try {
        let settled = false;
        const run = PromiseCtor.resolve()
          .then(() => t.fn(ctx))
          .finally(() => {
            settled = true;
          });
        // A test awaiting a promise that never settles would otherwise eat the whole run's time
        // budget. When 200,000 microtask turns pass with no harness activity, call it stuck.
        const watch = (async () => {
          let seen = activity;
          let idle = 0;
          while (!settled) {
            await undefined;
            if (activity !== seen) {
              seen = activity;
              idle = 0;
            } else if (++idle > 200_000) {
              throw new ErrorCtor("the test never finished: it waited on a promise that never settled");
            }
          }
        })();
        await PromiseCtor.race([run, watch]);
        // The watcher may finish first just because the test settled: take the test's own outcome.
        await run;
        return null;
      } catch (e) {
        const name = (e as Error)?.name ?? "Error";
        const trace = scheduler.trace();
        const schedule = trace.length ? `\nSchedule: ${trace.join(" → ")}` : "";
        return name === "AssertionError" ? errorMessage(e) + schedule : `${name}: ${errorMessage(e)}${schedule}`;
      }
    },
  });
}
