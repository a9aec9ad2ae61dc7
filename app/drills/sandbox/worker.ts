/**
 * A sandbox child process. The parent (the drill pool) sends one job at a time over IPC; the child
 * runs it in a fresh isolated-vm isolate with a memory limit and a CPU-time limit, and answers with
 * the results. The parent's watchdog kills the whole process if it overruns its wall-clock budget,
 * so an infinite microtask loop or a native hang cannot outlive its job.
 *
 * Inside the isolate there is no require, no import, no process, no fs, no network, no timers and
 * no clock: only the JavaScript built-ins (frozen), `console`, and what the harness hands tests.
 */
import { createHmac } from "node:crypto";
import ivm from "isolated-vm";
import { harnessFactory } from "./in-isolate";
import { judge } from "./host-assert";
import type { SandboxJob, SandboxReply, SandboxTestResult } from "./protocol";
import { runSqlJob, type SqlJob } from "../sql/run";

const HARNESS_SOURCE = harnessFactory.toString();

function b64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

async function runJob(job: SandboxJob): Promise<SandboxReply> {
  const started = performance.now();
  const isolate = new ivm.Isolate({ memoryLimit: job.memoryLimitMb });
  let output = "";
  let outputTruncated = false;
  let currentTest = -1;
  const perTestOutput = new Map<number, string>();
  const assertions = new Map<number, { count: number; failure: string | null }>();

  const log = (line: string) => {
    const text = `${String(line)}\n`;
    if (output.length >= job.outputLimitBytes) {
      outputTruncated = true;
      return;
    }
    const room = job.outputLimitBytes - output.length;
    const piece = text.length > room ? text.slice(0, room) : text;
    if (piece.length < text.length) outputTruncated = true;
    output += piece;
    perTestOutput.set(currentTest, (perTestOutput.get(currentTest) ?? "") + piece);
  };
  const hostAssert = (kind: string, a: string, e: string, x: string, message: string) => {
    const verdict = judge(kind, a, e, x, message);
    const rec = assertions.get(currentTest) ?? { count: 0, failure: null };
    rec.count++;
    if (verdict !== "ok" && rec.failure === null) rec.failure = verdict;
    assertions.set(currentTest, rec);
    return verdict;
  };
  const hostHmac = (op: string, a: string, b: string) => {
    if (op === "hmac") return createHmac("sha256", a).update(b).digest("base64url");
    if (op === "b64e") return b64url(a);
    if (op === "b64d") return Buffer.from(a, "base64url").toString("utf8");
    return "";
  };

  const deadline = started + job.timeLimitMs;
  const remaining = () => Math.max(1, Math.floor(deadline - performance.now()));

  try {
    const context = await isolate.createContext();
    const runner = (await context.evalClosure(
      `const __name = (f) => f; return (${HARNESS_SOURCE})($0, $1, $2);`,
      [new ivm.Reference(hostAssert), new ivm.Reference(log), new ivm.Reference(hostHmac)],
      { result: { reference: true } },
    )) as ivm.Reference<{
      registerTests: () => { count: number };
      lockdown: () => void;
      loadModule: () => { ok: boolean; message?: string };
      list: () => Array<{ name: string; category: string | null; hidden: boolean }>;
      runTest: (i: number) => Promise<string | null>;
    }>;
    const call = async <T>(method: "registerTests" | "lockdown" | "loadModule" | "list" | "runTest", args: unknown[] = [], promise = false): Promise<T> => {
      const fn = (await runner.get(method, { reference: true })) as ivm.Reference<(...a: unknown[]) => unknown>;
      return (await fn.apply(runner.derefInto(), args, {
        timeout: remaining(),
        arguments: { copy: true },
        result: { copy: true, promise },
      })) as T;
    };

    // 1. Tests register themselves (their code is trusted content, compiled by the parent).
    const tests = await isolate.compileScript(`globalThis.__gw_tests = function (test) {\n${job.testsJs}\n};`, { filename: "visible.test.js" });
    await tests.run(context, { timeout: remaining() });
    if (job.hiddenTestsJs) {
      const hidden = await isolate.compileScript(`globalThis.__gw_hidden_tests = function (test) {\n${job.hiddenTestsJs}\n};`, { filename: "hidden.test.js" });
      await hidden.run(context, { timeout: remaining() });
    }
    await call("registerTests");
    const list = await call<Array<{ name: string; category: string | null; hidden: boolean }>>("list");

    // 2. Freeze the built-ins, then load the learner's module.
    await call("lockdown");
    let module: ivm.Script;
    try {
      module = await isolate.compileScript(`globalThis.__gw_module = function (exports, module) {\n${job.solutionJs}\n};`, { filename: "solution.js" });
    } catch (e) {
      return { ok: true, status: "error", message: `Your code does not compile: ${(e as Error).message}`, tests: [], output, outputTruncated, durationMs: performance.now() - started };
    }
    await module.run(context, { timeout: remaining() });
    const loaded = await call<{ ok: boolean; message?: string }>("loadModule");
    if (!loaded.ok) {
      return { ok: true, status: "error", message: `Your module threw while loading: ${loaded.message}`, tests: [], output, outputTruncated, durationMs: performance.now() - started };
    }

    // 3. Run the tests one by one; the verdict is decided here, from the host-side assertion log.
    const results: SandboxTestResult[] = [];
    for (let i = 0; i < list.length; i++) {
      if (job.only && !job.only.includes(i)) continue;
      currentTest = i;
      let error: string | null;
      try {
        error = await call<string | null>("runTest", [i], true);
      } catch (e) {
        const message = (e as Error).message ?? String(e);
        if (/disposed|memory limit/i.test(message)) throw e;
        error = /timed out/i.test(message) ? `Time limit exceeded (${job.timeLimitMs} ms for the whole run)` : message;
      }
      const rec = assertions.get(i) ?? { count: 0, failure: null };
      const failure = rec.failure ?? error ?? (rec.count === 0 ? "the test made no assertions (did it return early?)" : null);
      results.push({ index: i, ...list[i]!, status: failure ? "fail" : "pass", message: failure, output: perTestOutput.get(i) ?? "" });
      if (error && /^Time limit exceeded/.test(error)) {
        // Nothing after this can run within the budget.
        for (let j = i + 1; j < list.length; j++) {
          if (job.only && !job.only.includes(j)) continue;
          results.push({ index: j, ...list[j]!, status: "error", message: "not run: the time limit was used up", output: "" });
        }
        break;
      }
    }
    const status = results.some((r) => r.status !== "pass") ? "fail" : "pass";
    const timedOut = results.some((r) => r.message?.startsWith("Time limit exceeded"));
    const message = timedOut ? `Time limit exceeded: the run used its ${job.timeLimitMs} ms of CPU; tests after that point did not run.` : null;
    return { ok: true, status, message, tests: results, output, outputTruncated, durationMs: performance.now() - started, timedOut };
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    const friendly = /memory limit|disposed/i.test(message)
      ? `Memory limit exceeded (${job.memoryLimitMb} MB)`
      : /timed out/i.test(message)
        ? `Time limit exceeded (${job.timeLimitMs} ms)`
        : /Maximum call stack/i.test(message)
          ? "Stack overflow (too much recursion)"
          : message;
    return { ok: true, status: "error", message: friendly, tests: [], output, outputTruncated, durationMs: performance.now() - started, timedOut: /timed out/i.test(message) };
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }
}

process.on("message", (job: SandboxJob | SqlJob) => {
  if ("kind" in job && job.kind === "sql") {
    let reply: SandboxReply;
    try {
      reply = runSqlJob(job);
    } catch (e) {
      reply = { ok: false, message: (e as Error)?.message ?? String(e) };
    }
    process.send?.(reply);
    return;
  }
  runJob(job as SandboxJob).then(
    (reply) => process.send?.(reply),
    (e: unknown) => process.send?.({ ok: false, message: (e as Error)?.message ?? String(e) } satisfies SandboxReply),
  );
});
// The parent went away (shutdown or crash): nothing is left to answer to.
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: true });
