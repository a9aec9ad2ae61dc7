/**
 * Drill grading latency: a 20-test drill graded through the real sandbox (isolated-vm in a warm
 * pool of child processes) against a baseline measured in the same run — the same harness, tests
 * and solution evaluated in-process, with no isolate and no child process.
 *
 * Reports p50/p95 per submission and runs per second with two submissions in flight (2 cores).
 * Goal: p50 under 50 ms server-side.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { compileModule, compileTests } from "../app/drills/compile.server";
import { SandboxPool } from "../app/drills/pool.server";
import { runDrill } from "../app/drills/runner.server";
import { harnessFactory } from "../app/drills/sandbox/in-isolate";
import { judge } from "../app/drills/sandbox/host-assert";
import { printTable, summarise, time } from "./stats";

const SOLUTION = `
export function createTokenBucket({ capacity, refillPerSecond, now }) {
  let tokens = capacity;
  let last = now();
  const refill = () => { const t = now(); tokens = Math.min(capacity, tokens + ((t - last) / 1000) * refillPerSecond); last = t; };
  return { tryTake(cost = 1) { refill(); if (cost > tokens) return false; tokens -= cost; return true; } };
}`;

// Twenty tests of the kind real drills have: bursts, refills on the virtual clock, idle caps.
const TESTS = Array.from({ length: 20 }, (_, i) => {
  const capacity = 2 + (i % 5);
  return `test("case ${i}", async ({ exports, clock, assert }) => {
  const b = exports.createTokenBucket({ capacity: ${capacity}, refillPerSecond: ${1 + (i % 3)}, now: clock.now });
  let granted = 0;
  for (let k = 0; k < ${capacity + 3}; k++) if (b.tryTake()) granted++;
  assert.equal(granted, ${capacity}, "burst");
  await clock.advance(${1000 + i * 10});
  assert.ok(b.tryTake(), "after a refill");
  await clock.advance(60_000);
  let again = 0;
  while (b.tryTake() && again < 100) again++;
  assert.equal(again, ${capacity}, "capped after idling");
});`;
}).join("\n");

const tests = compileTests(TESTS, "bench.test.ts");
const solution = compileModule(SOLUTION, "javascript");
if (!tests.ok || !solution.ok) throw new Error("bench drill does not compile");
const drill = { id: "bench", visibleJs: tests.js, hiddenJs: "", timeLimitMs: 2000, memoryLimitMb: 64 };

/** The baseline: same harness, same tests, same solution, evaluated directly in this process. */
async function inProcess(): Promise<number> {
  const ref = (fn: (...a: never[]) => unknown) => ({ applySync: (_r: unknown, args: unknown[]) => fn(...(args as never[])) });
  const g = globalThis as Record<string, unknown>;
  const runner = harnessFactory(
    ref((kind: string, a: string, e: string, x: string, m: string) => judge(kind, a, e, x, m)),
    ref(() => undefined),
    ref(() => ""),
  );
  g.__gw_tests = new Function("test", tests.ok ? tests.js : "");
  runner.registerTests();
  g.__gw_module = new Function("exports", "module", solution.ok ? solution.js : "");
  runner.loadModule();
  let failed = 0;
  for (let i = 0; i < 20; i++) if ((await runner.runTest(i)) !== null) failed++;
  return failed;
}

async function throughput(fn: () => Promise<unknown>, inFlight: number, total: number): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < total) await fn();
    }),
  );
  return total / ((performance.now() - t) / 1000);
}

const pool = new SandboxPool({ size: 2, graceMs: 1500 });
await pool.warm();
const sandboxed = () => runDrill(drill, { code: SOLUTION, language: "javascript", mode: "run" }, pool);
const check = await sandboxed();
if (check.status !== "pass" || check.tests.length !== 20) throw new Error(`bench drill failed in the sandbox: ${JSON.stringify(check)}`);
if ((await inProcess()) !== 0) throw new Error("bench drill failed in-process");

// 20 unmeasured runs each warm the JITs and the pool.
const base = summarise(await time(inProcess, 200, 20));
const sand = summarise(await time(sandboxed, 200, 20));
const baseRps = await throughput(inProcess, 2, 400);
const sandRps = await throughput(sandboxed, 2, 400);
await pool.close();

printTable(`Grading a 20-test drill (${os.cpus().length} CPUs, pool of 2 warm processes, 200 runs each)`, [
  { name: "baseline: in-process, no sandbox", ...base },
  { name: "sandbox: isolated-vm in the pool", ...sand },
]);
console.log(`ratio p50 sandbox / baseline: ${(sand.p50 / base.p50).toFixed(1)}×`);
console.log(`throughput with 2 in flight: sandbox ${sandRps.toFixed(0)} runs/s, baseline ${baseRps.toFixed(0)} runs/s (${(baseRps / sandRps).toFixed(1)}× the sandbox)`);
const ok = sand.p50 < 50;
console.log(`target p50 < 50 ms: ${ok ? "met" : "MISSED"} (${sand.p50.toFixed(1)} ms)`);
if (!ok) process.exitCode = 1;
