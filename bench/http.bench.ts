/**
 * HTTP load: autocannon scenarios (bench/http/scenarios.ts) against the production build
 * (`build/server.js`, NODE_ENV=production) on seeded data, each against two baselines measured in
 * the same run — a bare node:http server replaying the scenario's real response bytes, and a bare
 * Remix resource route (/healthz) on the same build. Reports req/s, p50/p99, errors, peak RSS and
 * CPU per request, checks the targets and writes bench/results/{<stamp>,latest}.{json,md}.
 *
 *   npm run bench -- --only http [--duration 10] [--warmup 3] [--connections 10]
 *                   [--scenarios practice-page,answer-submit] [--strict] [--skip-build] [--cpu-prof]
 *
 * Each flag has a BENCH_* environment variable (bench/http/options.ts). Every app run starts a
 * fresh server on its own copy of the seeded database, so one scenario's writes and memory never
 * leak into another's figures.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Request } from "autocannon";
import { parseOptions } from "./http/options";
import { runLoad } from "./http/load";
import { cpuMs, sampleMemory, startAppServer, startReplayServer, type CapturedResponse, type Served } from "./http/processes";
import { checkTargets, printReport, ratio, writeReport, type Report, type RunResult, type ScenarioResult } from "./http/report";

const options = parseOptions(process.argv.slice(2), process.env);
const RESULTS_DIR = path.resolve("bench/results");
const work = mkdtempSync(path.join(os.tmpdir(), "gw-bench-http-"));
const template = path.join(work, "template.db");

// The bench process seeds through the app's models; they read their configuration from here.
process.env.DATABASE_PATH = template;
process.env.LOG_LEVEL = "silent";
process.env.CONTENT_DIR ??= "content";

const { scenarios, BARE_REMIX } = await import("./http/scenarios");
const seed = await import("./http/seed");

const chosen = options.BENCH_SCENARIOS ? options.BENCH_SCENARIOS.split(",").map((s) => s.trim()) : scenarios.map((s) => s.name);
const unknown = chosen.filter((n) => !scenarios.some((s) => s.name === n));
if (unknown.length) {
  console.error(`Unknown scenario(s): ${unknown.join(", ")}. Known: ${scenarios.map((s) => s.name).join(", ")}.`);
  process.exit(2);
}
const selected = scenarios.filter((s) => chosen.includes(s.name));

function build(): void {
  if (options.BENCH_SKIP_BUILD) return;
  console.log("Building the production bundle (npm run build; BENCH_SKIP_BUILD=1 to reuse build/)…");
  const r = spawnSync("npm", ["run", "-s", "build"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

/** If the bare-Remix route ever moved out of Remix, the baseline would silently measure something else. */
function assertBareRemixRoute(): void {
  const build = readFileSync("build/index.js", "utf8");
  const entry = new RegExp(`"${BARE_REMIX.routeId.replace("/", "\\/")}":\\s*\\{[^}]*path:\\s*"${BARE_REMIX.path.slice(1)}"[^}]*hasLoader:\\s*!0`);
  if (!entry.test(build)) {
    throw new Error(`${BARE_REMIX.path} is no longer the Remix resource route ${BARE_REMIX.routeId} in build/index.js; pick another bare route for the baseline`);
  }
}

let copies = 0;
/** A fresh server on a fresh copy of the seeded database. */
async function appServer(serverEnv?: Record<string, string>): Promise<Served & { databasePath: string }> {
  const dir = path.join(work, `run-${++copies}`);
  mkdirSync(dir);
  const databasePath = path.join(dir, "app.db");
  copyFileSync(template, databasePath);
  let cpuProfDir: string | undefined;
  if (options.BENCH_CPU_PROF) mkdirSync((cpuProfDir = path.join(RESULTS_DIR, "profiles")), { recursive: true });
  const served = await startAppServer({ databasePath, logLevel: options.BENCH_LOG_LEVEL, env: serverEnv, cpuProfDir });
  return { ...served, databasePath };
}

/**
 * Warm-up, then the measured run with memory and CPU sampled. `requests` is used for both, so a
 * workload's state (e.g. which sessions are answered) carries on. `acknowledged` counts the 2xx/3xx
 * responses of both runs.
 */
async function measure(server: Served, requests: Request[], capture?: (r: CapturedResponse) => void): Promise<{ result: RunResult; acknowledged: number }> {
  const base = { url: server.url, requests, connections: options.BENCH_CONNECTIONS };
  let captured = false;
  const once = capture && ((r: CapturedResponse) => void (captured ||= (capture(r), true)));
  let warmSuccesses = 0;
  if (options.BENCH_WARMUP > 0) warmSuccesses = (await runLoad({ ...base, durationS: options.BENCH_WARMUP, capture: once })).successes;
  const memory = sampleMemory(server.pid);
  const cpuBefore = cpuMs(server.pid);
  const metrics = await runLoad({ ...base, durationS: options.BENCH_DURATION, capture: captured ? undefined : once });
  const cpu = cpuMs(server.pid) - cpuBefore;
  const peakRssMb = memory.stop() / 2 ** 20;
  const result = { ...metrics, peakRssMb, cpuMsPerRequest: cpu / Math.max(1, metrics.responses) };
  console.log(
    `  ${result.rps.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ` +
      `${result.errors} errors, peak RSS ${result.peakRssMb.toFixed(0)} MB, ${result.cpuMsPerRequest.toFixed(2)} CPU ms/req`,
  );
  return { result, acknowledged: warmSuccesses + metrics.successes };
}

async function main(): Promise<number> {
  build();
  assertBareRemixRoute();
  const startedAt = new Date().toISOString();
  const loadAverage = os.loadavg();
  console.log(`Seeding ${path.relative(process.cwd(), template) || template} (content sync, learners, sessions)…`);
  await seed.prepareTemplate(process.env.CONTENT_DIR!);
  const ctx = seed.seedContext({ seconds: options.BENCH_DURATION + options.BENCH_WARMUP, connections: options.BENCH_CONNECTIONS });
  const workloads = [];
  for (const s of selected) workloads.push(await s.seed(ctx));
  seed.closeTemplate();

  console.log(`Baseline: bare Remix route (GET ${BARE_REMIX.path})…`);
  const remixServer = await appServer();
  let remixBaseline: RunResult;
  try {
    remixBaseline = (await measure(remixServer, [{ method: "GET", path: BARE_REMIX.path }])).result;
  } finally {
    await remixServer.stop();
  }

  const results: ScenarioResult[] = [];
  for (const [i, s] of selected.entries()) {
    const workload = workloads[i]!;
    console.log(`${s.title}: production build…`);
    const server = await appServer(s.serverEnv);
    let captured: CapturedResponse | undefined;
    let app: RunResult;
    let acknowledged: number;
    try {
      ({ result: app, acknowledged } = await measure(server, workload.requests(server.url), (r) => (captured = r)));
    } catch (error) {
      console.error(server.output());
      throw error;
    } finally {
      await server.stop();
    }
    if (app.errors > 0) console.error(`  ${app.errors} errors; statuses ${JSON.stringify(app.statuses)}; server said:\n${server.output().slice(-2000)}`);
    const problems: string[] = [];
    if (workload.verify) {
      const db = new Database(server.databasePath, { readonly: true });
      try {
        const problem = workload.verify(db, acknowledged);
        if (problem) problems.push(problem);
      } finally {
        db.close();
      }
    }
    if (!captured) throw new Error(`${s.title}: no successful response to replay; statuses ${JSON.stringify(app.statuses)}`);

    console.log(`${s.title}: node:http baseline…`);
    const replay = await startReplayServer(captured);
    let nodeHttp: RunResult;
    try {
      nodeHttp = (await measure(replay, workload.requests(replay.url))).result;
    } finally {
      await replay.stop();
    }
    results.push({
      name: s.name,
      title: s.title,
      request: s.request,
      app,
      nodeHttp,
      vsNodeHttp: ratio(app, nodeHttp),
      vsRemix: ratio(app, remixBaseline),
      targets: checkTargets(s.targets, app),
      problems,
    });
  }

  const report: Report = {
    startedAt,
    machine: { cpus: os.availableParallelism(), loadAverage, node: process.version, platform: `${os.platform()} ${os.arch()}` },
    options: { durationS: options.BENCH_DURATION, warmupS: options.BENCH_WARMUP, connections: options.BENCH_CONNECTIONS, logLevel: options.BENCH_LOG_LEVEL },
    remixBaseline: { ...remixBaseline, request: `GET ${BARE_REMIX.path} (${BARE_REMIX.routeId}: a loader returning a constant JSON body)` },
    scenarios: results,
    missed: results.reduce((n, r) => n + r.targets.filter((t) => !t.pass).length + r.problems.length, 0),
  };
  printReport(report);
  const files = writeReport(report, RESULTS_DIR);
  console.log(`\nWritten: ${path.relative(process.cwd(), files.json)}, ${path.relative(process.cwd(), files.md)} (and latest.*)`);
  const failedChecks = results.some((r) => r.problems.length > 0);
  return failedChecks || (options.BENCH_STRICT && report.missed > 0) ? 1 : 0;
}

try {
  process.exitCode = await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
