/**
 * Prometheus metrics (prom-client): one registry per process, shared by the server bundle and the
 * Remix build through `singleton()`. Every label takes values from a fixed set, so the number of
 * series stays bounded whatever the traffic: HTTP routes are route patterns (see
 * route-pattern.server.ts), never raw URLs. docs/operations.md lists each metric and what to alert on.
 */
import { statSync, statfsSync } from "node:fs";
import path from "node:path";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { QUESTION_TYPES } from "../content/schema";
import { DRILL_KINDS } from "../drills/schema";
import type { Grade } from "../grading/grade";
import { pingDb } from "./db.server";
import { getEnv } from "./env.server";
import { isDraining } from "./lifecycle.server";
import { singleton } from "./singleton.server";

export const ANSWER_RESULTS = ["correct", "partial", "incorrect", "ungraded"] as const;
export type AnswerResult = (typeof ANSWER_RESULTS)[number];
/** Where an answer was given: a practice session, the review queue, or a candidate's pre-screen. */
export const ANSWER_SOURCES = ["practice", "review", "prescreen"] as const;
export type AnswerSource = (typeof ANSWER_SOURCES)[number];

/** `error`: the learner's code did not compile or threw; `timeout`: the watchdog stopped it; `sandbox_error`: the sandbox itself failed. */
export const DRILL_OUTCOMES = ["pass", "fail", "error", "timeout", "sandbox_error"] as const;
export type DrillOutcome = (typeof DRILL_OUTCOMES)[number];
export const SANDBOX_RESTART_REASONS = ["timeout", "crash"] as const;
export type SandboxRestartReason = (typeof SANDBOX_RESTART_REASONS)[number];

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Seconds. Fine-grained below 100 ms, where the pages' latency target sits. */
export const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DRILL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

export type Metrics = {
  registry: Registry;
  httpDuration: Histogram<"route" | "method" | "status">;
  answers: Counter<"type" | "result" | "source">;
  drillRuns: Counter<"kind" | "outcome">;
  drillDuration: Histogram<"kind" | "outcome">;
  sandboxRestarts: Counter<"reason">;
};

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function createMetrics(): Metrics {
  const registry = new Registry();
  // Process CPU, memory, handles, GC, heap, and nodejs_eventloop_lag_* (sampled every 10 ms).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const registers = [registry];

  const httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time from a request's arrival to the end of its response, by route pattern, method and status code.",
    labelNames: ["route", "method", "status"] as const,
    buckets: HTTP_BUCKETS,
    registers,
  });
  const answers = new Counter({
    name: "answers_total",
    help: "Answers stored (replayed submissions excluded), by question type, graded result and where they were given.",
    labelNames: ["type", "result", "source"] as const,
    registers,
  });
  const drillRuns = new Counter({
    name: "drill_runs_total",
    help: "Drill runs and submissions, by drill kind and outcome.",
    labelNames: ["kind", "outcome"] as const,
    registers,
  });
  const drillDuration = new Histogram({
    name: "drill_run_duration_seconds",
    help: "Wall-clock time of a drill run, compile to graded result, by drill kind and outcome.",
    labelNames: ["kind", "outcome"] as const,
    buckets: DRILL_BUCKETS,
    registers,
  });
  const sandboxRestarts = new Counter({
    name: "sandbox_child_restarts_total",
    help: "Sandbox child processes replaced: killed by the watchdog (timeout) or died on their own (crash).",
    labelNames: ["reason"] as const,
    registers,
  });

  // Counters start at 0 for every known label set, so rate() and increase() see the first event.
  for (const type of QUESTION_TYPES) for (const result of ANSWER_RESULTS) for (const source of ANSWER_SOURCES) answers.inc({ type, result, source }, 0);
  for (const kind of DRILL_KINDS) for (const outcome of DRILL_OUTCOMES) drillRuns.inc({ kind, outcome }, 0);
  for (const reason of SANDBOX_RESTART_REASONS) sandboxRestarts.inc({ reason }, 0);

  new Gauge({
    name: "sqlite_file_size_bytes",
    help: "Size of the SQLite database file and of its write-ahead log, read at scrape time.",
    labelNames: ["file"] as const,
    registers,
    collect() {
      const db = path.resolve(getEnv().DATABASE_PATH);
      this.set({ file: "db" }, fileSize(db));
      this.set({ file: "wal" }, fileSize(`${db}-wal`));
    },
  });
  const volume = (pick: (s: { bsize: number; blocks: number; bavail: number }) => number) =>
    function (this: Gauge) {
      try {
        this.set(pick(statfsSync(path.dirname(path.resolve(getEnv().DATABASE_PATH)))));
      } catch {
        this.set(0);
      }
    };
  new Gauge({
    name: "data_volume_size_bytes",
    help: "Size of the file system that holds the database.",
    registers,
    collect: volume((s) => s.blocks * s.bsize),
  });
  new Gauge({
    name: "data_volume_available_bytes",
    help: "Space left for the database on its file system (for an unprivileged process).",
    registers,
    collect: volume((s) => s.bavail * s.bsize),
  });
  new Gauge({
    name: "app_ready",
    help: "1 while the app would answer /readyz with 200 (database answers, not draining), else 0.",
    registers,
    collect() {
      this.set(!isDraining() && pingDb() ? 1 : 0);
    },
  });
  return { registry, httpDuration, answers, drillRuns, drillDuration, sandboxRestarts };
}

export function getMetrics(): Metrics {
  return singleton("metrics", createMetrics);
}

/** The Prometheus text exposition of every metric. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = getMetrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

export function answerResultOf(grade: Grade): AnswerResult {
  if (grade.correct === null || grade.score === null) return "ungraded";
  if (grade.correct) return "correct";
  return grade.score > 0 ? "partial" : "incorrect";
}

/** A value outside the known set is counted as `other`, so a caller's mistake cannot add series without bound. */
function known(allowed: readonly string[], value: string): string {
  return allowed.includes(value) ? value : "other";
}

/**
 * Count one stored answer. Call it once per new answer, after it is stored; never for a replayed
 * (idempotent) submission. `result` accepts a grade or a result name.
 */
export function recordAnswer(type: string, result: Grade | AnswerResult, source: AnswerSource): void {
  const r = typeof result === "string" ? result : answerResultOf(result);
  getMetrics()
    .answers.labels(known(QUESTION_TYPES, type), known(ANSWER_RESULTS, r), known(ANSWER_SOURCES, source))
    .inc();
}

export function recordDrillRun(kind: string, outcome: DrillOutcome, seconds: number): void {
  const labels = { kind: known(DRILL_KINDS, kind), outcome: known(DRILL_OUTCOMES, outcome) };
  const m = getMetrics();
  m.drillRuns.inc(labels);
  m.drillDuration.observe(labels, seconds);
}

export function recordSandboxRestart(reason: SandboxRestartReason): void {
  getMetrics().sandboxRestarts.inc({ reason });
}

export function recordHttpRequest(route: string, method: string, status: number, seconds: number): void {
  const m = HTTP_METHODS.has(method) ? method : "OTHER";
  getMetrics().httpDuration.observe({ route, method: m, status: String(status) }, seconds);
}
