/**
 * `runDrill(drill, submission) → results`: the one interface routes and the CLI use. Today it
 * compiles on the server and runs in the local sandbox pool; the same call could be sent to
 * separate worker machines later without touching the callers.
 *
 * Results follow Exercism's results.json v3 (status pass|fail|error; tests with name, status,
 * message, output), extended with `visibility` and, for hidden tests, the failure `category`. A
 * hidden test is reported by its category only: never its name, input, message or output.
 */
import { SpanStatusCode } from "@opentelemetry/api";
import { getEnv } from "../utils/env.server";
import { recordDrillRun, recordSandboxRestart, type DrillOutcome } from "../utils/metrics.server";
import { hasSingleton, singleton } from "../utils/singleton.server";
import { inSpan } from "../utils/tracing.server";
import { compileModule } from "./compile.server";
import { SandboxPool } from "./pool.server";
import type { SandboxJob, SandboxReply } from "./sandbox/protocol";
import type { DrillKind, SubmissionLanguage } from "./schema";
import type { SqlExtras, SqlJob, SqlSpec } from "./sql/run";

export const OUTPUT_LIMIT_BYTES = 64 * 1024;

export type RunnableDrill = {
  id: string;
  kind?: DrillKind;
  visibleJs: string;
  hiddenJs: string;
  timeLimitMs: number;
  memoryLimitMb: number;
  /** SQL drills only. */
  datasetSql?: string;
  sql?: SqlSpec;
  referenceSql?: string;
};
export type Submission = { code: string; language: SubmissionLanguage; mode: "run" | "submit" };

/** Rows shown in a SQL drill's results grid (the first page). */
export const SQL_ROW_CAP = 200;

export type DrillTestResult = {
  name: string;
  status: "pass" | "fail" | "error";
  message: string | null;
  output: string;
  visibility: "visible" | "hidden";
  category?: string;
};

export type DrillResults = {
  version: 3;
  status: "pass" | "fail" | "error";
  message: string | null;
  mode: "run" | "submit";
  tests: DrillTestResult[];
  /** Categories of hidden tests that failed (what the learner is told, and what feeds review). */
  failedCategories: string[];
  outputTruncated: boolean;
  durationMs: number;
  /** SQL drills: the first visible case's rows and plan, and how long the query took. */
  sql?: SqlExtras;
};

export function getSandboxPool(): SandboxPool {
  return singleton("sandbox-pool", () => new SandboxPool({ size: getEnv().SANDBOX_POOL_SIZE, graceMs: 1500, onRestart: recordSandboxRestart }));
}

export async function closeSandboxPool(): Promise<void> {
  await getSandboxPool().close();
}

/** At shutdown: stops the sandbox children if any drill ever ran, without starting a pool to do it. */
export async function closeSandboxPoolIfStarted(): Promise<void> {
  if (hasSingleton("sandbox-pool")) await getSandboxPool().close();
}

type Outcome = { results: DrillResults; outcome: DrillOutcome };

/** Runs a submission; each run is one `drill.run` span and is counted in the drill metrics. */
export async function runDrill(drill: RunnableDrill, submission: Submission, pool: SandboxPool = getSandboxPool()): Promise<DrillResults> {
  const kind = drill.kind ?? "code";
  return inSpan("drill.run", { "drill.id": drill.id, "drill.kind": kind, "drill.mode": submission.mode }, async (span) => {
    const started = performance.now();
    let outcome: DrillOutcome = "sandbox_error";
    try {
      const done = kind === "code" ? await runCode(drill, submission, pool, started) : await runSql(drill, submission, pool, started);
      outcome = done.outcome;
      span.setAttributes({ "drill.outcome": outcome, "drill.tests": done.results.tests.length });
      if (outcome === "sandbox_error") span.setStatus({ code: SpanStatusCode.ERROR, message: done.results.message ?? undefined });
      return done.results;
    } finally {
      recordDrillRun(kind, outcome, (performance.now() - started) / 1000);
    }
  });
}

async function runCode(drill: RunnableDrill, submission: Submission, pool: SandboxPool, started: number): Promise<Outcome> {
  const base = { version: 3 as const, mode: submission.mode, failedCategories: [], outputTruncated: false };
  const compiled = compileModule(submission.code, submission.language);
  if (!compiled.ok) {
    return { outcome: "error", results: { ...base, status: "error", message: compiled.message, tests: [], durationMs: performance.now() - started } };
  }
  const job: SandboxJob = {
    testsJs: drill.visibleJs,
    hiddenTestsJs: submission.mode === "submit" ? drill.hiddenJs : undefined,
    solutionJs: compiled.js,
    timeLimitMs: drill.timeLimitMs,
    memoryLimitMb: drill.memoryLimitMb,
    outputLimitBytes: OUTPUT_LIMIT_BYTES,
  };
  const reply = await pool.run(job);
  return { outcome: outcomeOf(reply), results: shape(reply, submission.mode, started) };
}

async function runSql(drill: RunnableDrill, submission: Submission, pool: SandboxPool, started: number): Promise<Outcome> {
  const job: SqlJob = {
    kind: "sql",
    drillKind: drill.kind as SqlJob["drillKind"],
    datasetSql: drill.datasetSql ?? "",
    spec: drill.sql ?? {},
    referenceSql: drill.referenceSql ?? "",
    submissionSql: submission.code,
    mode: submission.mode,
    timeLimitMs: drill.timeLimitMs,
    rowCap: SQL_ROW_CAP,
  };
  const reply = (await pool.run(job)) as SandboxReply & { extras?: SqlExtras };
  const results = shape(reply, submission.mode, started);
  return { outcome: outcomeOf(reply), results: reply.ok && reply.extras ? { ...results, sql: reply.extras } : results };
}

function outcomeOf(reply: SandboxReply): DrillOutcome {
  if (!reply.ok) return "sandbox_error";
  return reply.timedOut ? "timeout" : reply.status;
}

function shape(reply: SandboxReply, mode: "run" | "submit", started: number): DrillResults {
  const base = { version: 3 as const, mode, failedCategories: [], outputTruncated: false };
  if (!reply.ok) return { ...base, status: "error", message: `The sandbox failed: ${reply.message}`, tests: [], durationMs: performance.now() - started };
  const tests: DrillTestResult[] = reply.tests.map((t) =>
    t.hidden
      ? {
          name: t.category ?? "hidden test",
          status: t.status,
          message: t.status === "pass" ? null : `Failed: ${t.category ?? "a hidden test"}`,
          output: "",
          visibility: "hidden",
          category: t.category ?? "hidden test",
        }
      : { name: t.name, status: t.status, message: t.message, output: t.output, visibility: "visible" },
  );
  const failedCategories = [...new Set(tests.filter((t) => t.visibility === "hidden" && t.status !== "pass").map((t) => t.category!))];
  const notice = reply.outputTruncated ? `Output was cut at ${OUTPUT_LIMIT_BYTES / 1024} KB.` : null;
  const message = [reply.message, notice].filter(Boolean).join(" ") || null;
  return { ...base, status: reply.status, message, tests, failedCategories, outputTruncated: reply.outputTruncated, durationMs: performance.now() - started };
}
