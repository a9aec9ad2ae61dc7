/**
 * Hostile submissions against the real sandbox (isolated-vm in pre-warmed child processes): each
 * is contained with a clear message, and the pool keeps serving honest submissions afterwards.
 */
import { afterAll, describe, expect, it } from "vitest";
import { loadContent } from "../../app/content/load.server";
import { SandboxPool } from "../../app/drills/pool.server";
import { runDrill, type DrillResults } from "../../app/drills/runner.server";
import { FIXTURE_CONTENT } from "../setup/setup-db";

const drill = loadContent(FIXTURE_CONTENT).drills.find((d) => d.id === "fixture-sum")!;
const pool = new SandboxPool({ size: 2, graceMs: 1000 });
afterAll(() => pool.close());

const submit = (code: string, mode: "run" | "submit" = "submit", language: "typescript" | "javascript" = "typescript") =>
  runDrill(drill, { code, language, mode }, pool);

const HONEST = drill.solution;
const passing = (r: DrillResults) => r.status === "pass" && r.tests.length === 4 && r.tests.every((t) => t.status === "pass");

async function expectStillServing() {
  expect(passing(await submit(HONEST))).toBe(true);
}

describe("the sandbox grades honest code", () => {
  it("passes the reference and fails the wrong solution on a hidden category only", async () => {
    expect(passing(await submit(HONEST))).toBe(true);
    const wrong = await submit(drill.wrong[0]!.source);
    expect(wrong.status).toBe("fail");
    expect(wrong.failedCategories).toEqual(["handles negative numbers"]);
    const hidden = wrong.tests.find((t) => t.visibility === "hidden" && t.status === "fail")!;
    // Hidden failures say which behaviour, never the input or the assertion.
    expect(hidden).toEqual({ name: "handles negative numbers", status: "fail", message: "Failed: handles negative numbers", output: "", visibility: "hidden", category: "handles negative numbers" });
  });

  it("a run executes the visible tests only; hidden tests never enter the sandbox", async () => {
    const r = await submit(HONEST, "run");
    expect(r.tests.map((t) => t.visibility)).toEqual(["visible", "visible"]);
  });

  it("accepts JavaScript and reports TypeScript syntax errors with line and column", async () => {
    expect(passing(await submit("export function sum(a, b) { return a + b }\nexport async function sumAsync(a, b) { return a + b }", "submit", "javascript"))).toBe(true);
    const broken = await submit("export function sum(a: number, b: number) {\n  return a +;\n}");
    expect(broken.status).toBe("error");
    expect(broken.message).toMatch(/^Line 2, column \d+: /);
  });

  it("explains a failing visible assertion", async () => {
    const r = await submit("export const sum = (a: number, b: number) => a - b; export const sumAsync = async () => 5;");
    expect(r.tests[0]).toMatchObject({ status: "fail", message: "sum(2, 3): expected 5, got -1" });
  });
});

describe("hostile submissions are contained", () => {
  it("a synchronous infinite loop hits the time limit", async () => {
    const r = await submit("export function sum() { for (;;) {} }\nexport const sumAsync = async () => 0;");
    expect(r.status).not.toBe("pass");
    expect(r.message ?? r.tests.map((t) => t.message).join(" ")).toMatch(/Time limit exceeded/);
    await expectStillServing();
  });

  it("an infinite loop in a promise chain hits the time limit", async () => {
    const r = await submit("export const sum = (a: number, b: number) => a + b;\nexport async function sumAsync() { for (;;) { await null; } }");
    expect(r.status).not.toBe("pass");
    expect(r.message).toMatch(/Time limit exceeded/);
    await expectStillServing();
  });

  it("a thread blocked in Atomics.wait is stopped too", async () => {
    const r = await submit("export function sum() { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return 5; }\nexport const sumAsync = async () => 5;", "run");
    expect(r.status).not.toBe("pass");
    expect(r.message).toMatch(/Time limit exceeded/);
    await expectStillServing();
  });

  it("the watchdog SIGKILLs a child that stops answering and starts a replacement", async () => {
    // A child that hangs outside the isolate (as a native hang would): only the watchdog can help.
    const hanging = new SandboxPool({ size: 1, graceMs: 200, worker: { file: "tests/fixtures/hanging-worker.mjs", execArgv: [] } });
    try {
      const started = Date.now();
      const r = await runDrill({ ...drill, timeLimitMs: 300 }, { code: HONEST, language: "typescript", mode: "run" }, hanging);
      expect(r.status).toBe("error");
      expect(r.message).toMatch(/Time limit exceeded: your code ran past 300 ms and was stopped/);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(hanging.killed).toBe(1);
      // A replacement child takes the next job (and is stopped the same way).
      const again = await runDrill({ ...drill, timeLimitMs: 300 }, { code: HONEST, language: "typescript", mode: "run" }, hanging);
      expect(again.message).toMatch(/Time limit exceeded/);
      expect(hanging.killed).toBe(2);
    } finally {
      await hanging.close();
    }
  });

  it("a memory bomb hits the memory limit", async () => {
    const r = await submit("const hoard: number[][] = [];\nexport function sum() { for (;;) hoard.push(new Array(1e6).fill(7)); }\nexport const sumAsync = async () => 0;");
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/Memory limit exceeded/);
    await expectStillServing();
  });

  it("a stack overflow fails the test with a clear message", async () => {
    const r = await submit("export function sum(a: number, b: number): number { return sum(a, b) + 1; }\nexport const sumAsync = async () => 0;");
    expect(r.status).not.toBe("pass");
    expect(JSON.stringify(r)).toMatch(/Maximum call stack size exceeded|Stack overflow/);
    await expectStillServing();
  });

  it.each([
    ["the Function constructor", "const p = (function () { return this; }).constructor('return typeof process')(); export const sum = () => p;"],
    ["globalThis.process", "export const sum = () => typeof (globalThis as any).process;"],
    ["this.constructor.constructor", "const f = ({}).constructor.constructor; export const sum = () => f('return typeof require')();"],
  ])("reaches no Node globals via %s", async (_label, code) => {
    const r = await submit(`${code}\nexport const sumAsync = async () => 0;`, "run");
    // `sum(2, 3)` returns what the escape found: "undefined" means there was nothing to find.
    expect(r.tests[0]!.message).toBe('sum(2, 3): expected 5, got "undefined"');
  });

  it.each([
    ["require", "const fs = require('fs'); export const sum = () => fs;"],
    ["import", "import { readFileSync } from 'node:fs'; export const sum = () => readFileSync;"],
    ["dynamic import", "export const sum = async () => (await import('node:fs')).readFileSync;"],
  ])("refuses %s with a clear message", async (_label, code) => {
    const r = await submit(`${code}\nexport const sumAsync = async () => 0;`);
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/Imports are not available/);
  });

  it("prototype pollution cannot make failing tests pass", async () => {
    const code = `
      try { (Object.prototype as any).then = undefined; } catch {}
      try { Array.prototype.every = () => true; } catch {}
      try { JSON.stringify = () => '5'; } catch {}
      try { Object.defineProperty(Object.prototype, 'message', { get: () => 'ok' }); } catch {}
      try { (Error.prototype as any).name = 'Fine'; } catch {}
      try { Promise.prototype.then = function () { return this; } as any; } catch {}
      try { (globalThis as any).test = () => {}; (globalThis as any).assert = { equal() {} }; } catch {}
      export const sum = () => 42;
      export const sumAsync = async () => 42;`;
    const r = await submit(code);
    expect(r.status).toBe("fail");
    expect(r.tests.filter((t) => t.status === "pass")).toEqual([]);
  });

  it("huge output is cut at 64 KB with a notice", async () => {
    const r = await submit("export function sum(a: number, b: number) { for (let i = 0; i < 5000; i++) console.log('x'.repeat(100)); return a + b; }\nexport const sumAsync = async (a: number, b: number) => a + b;", "run");
    expect(r.status).toBe("pass");
    expect(r.outputTruncated).toBe(true);
    expect(r.message).toMatch(/Output was cut at 64 KB/);
    expect(r.tests.reduce((n, t) => n + t.output.length, 0)).toBeLessThanOrEqual(64 * 1024);
  });
});

describe("a sandbox that cannot start", () => {
  it("answers with an error instead of leaving the submission waiting", async () => {
    const broken = new SandboxPool({ size: 1, graceMs: 200, worker: { file: "tests/fixtures/crashing-worker.mjs", execArgv: [] } });
    try {
      const r = await runDrill(drill, { code: HONEST, language: "typescript", mode: "run" }, broken);
      expect(r.status).toBe("error");
      expect(r.message).toMatch(/The sandbox failed: the sandbox process exited while starting/);
    } finally {
      await broken.close();
    }
  });
});

describe("ordinary JavaScript still works after the built-ins are frozen", () => {
  it("error subclasses can set their name, objects can override toString", async () => {
    const code = `
      class LimitError extends Error { constructor(m: string) { super(m); this.name = "LimitError"; } }
      const o: any = {}; o.toString = () => "custom";
      export function sum(a: number, b: number) {
        const e = new LimitError("x");
        if (e.name !== "LimitError" || String(o) !== "custom" || Error.prototype.name !== "Error") return -1;
        return a + b;
      }
      export const sumAsync = async (a: number, b: number) => a + b;`;
    expect(passing(await submit(code))).toBe(true);
  });
});

describe("a test that waits forever", () => {
  it("is reported as stuck without losing the other tests", async () => {
    const r = await submit("export const sum = (a: number, b: number) => a + b;\nexport const sumAsync = () => new Promise<number>(() => {});");
    expect(r.tests.map((t) => t.status)).toEqual(["pass", "fail", "pass", "pass"]);
    expect(r.tests[1]!.message).toMatch(/never settled/);
  });
});
