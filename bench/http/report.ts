/** Results of the HTTP benchmark: ratios, targets, the printed table and the files in bench/results/. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { RunMetrics } from "./load";
import type { Targets } from "./scenarios";

export type RunResult = RunMetrics & {
  /** Peak resident memory of the server process tree, MiB. */
  peakRssMb: number;
  /** Server CPU time (user + system) per response, ms: steadier than req/s on a shared machine. */
  cpuMsPerRequest: number;
};

export type Ratio = { rps: number; p99: number };

export type TargetResult = { label: string; actual: string; pass: boolean };

export type ScenarioResult = {
  name: string;
  title: string;
  request: string;
  app: RunResult;
  /** The same bytes from a bare node:http server. */
  nodeHttp: RunResult;
  /** App ÷ baseline: req/s below 1 and p99 above 1 are the app's cost. */
  vsNodeHttp: Ratio;
  vsRemix: Ratio;
  targets: TargetResult[];
  /** Problems found in the database after the run (e.g. an acknowledged answer not stored). */
  problems: string[];
};

export type Report = {
  startedAt: string;
  machine: { cpus: number; loadAverage: number[]; node: string; platform: string };
  options: { durationS: number; warmupS: number; connections: number; logLevel: string };
  /** GET /healthz on the production build: express + pino-http + the Remix handler, no data. */
  remixBaseline: RunResult & { request: string };
  scenarios: ScenarioResult[];
  missed: number;
};

export const ratio = (app: RunResult, base: RunResult): Ratio => ({ rps: app.rps / base.rps, p99: app.p99Ms / base.p99Ms });

export function checkTargets(t: Targets, r: RunResult): TargetResult[] {
  const out: TargetResult[] = [];
  if (t.minRps !== undefined) out.push({ label: `req/s ≥ ${t.minRps}`, actual: r.rps.toFixed(0), pass: r.rps >= t.minRps });
  if (t.maxP99Ms !== undefined) out.push({ label: `p99 < ${t.maxP99Ms} ms`, actual: `${r.p99Ms.toFixed(1)} ms`, pass: r.p99Ms < t.maxP99Ms });
  out.push({ label: `errors ≤ ${t.maxErrors}`, actual: String(r.errors), pass: r.errors <= t.maxErrors });
  out.push({ label: `peak RSS < ${t.maxRssMb} MB`, actual: `${r.peakRssMb.toFixed(0)} MB`, pass: r.peakRssMb < t.maxRssMb });
  return out;
}

const num = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–");
const times = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)}×` : "–");

type Table = { head: string[]; rows: string[][]; right: boolean[] };

function runRow(label: string, server: string, r: RunResult): string[] {
  return [label, server, num(r.rps), num(r.p50Ms, 2), num(r.p99Ms, 2), String(r.errors), `${num(r.peakRssMb)} MB`, num(r.cpuMsPerRequest, 2)];
}

function tables(report: Report): { runs: Table; ratios: Table; targets: Table } {
  const runs: Table = {
    head: ["scenario", "server", "req/s", "p50 ms", "p99 ms", "errors", "peak RSS", "CPU ms/req"],
    right: [false, false, true, true, true, true, true, true],
    rows: [runRow("bare Remix route", "app", report.remixBaseline)],
  };
  for (const s of report.scenarios) runs.rows.push(runRow(s.title, "app", s.app), runRow("", "node:http", s.nodeHttp));
  const ratios: Table = {
    head: ["scenario", "req/s ÷ node:http", "req/s ÷ Remix", "p99 ÷ node:http", "p99 ÷ Remix"],
    right: [false, true, true, true, true],
    rows: report.scenarios.map((s) => [s.title, times(s.vsNodeHttp.rps), times(s.vsRemix.rps), times(s.vsNodeHttp.p99), times(s.vsRemix.p99)]),
  };
  const targets: Table = { head: ["scenario", "target", "measured", ""], right: [false, false, true, false], rows: [] };
  for (const s of report.scenarios) {
    s.targets.forEach((t, i) => targets.rows.push([i === 0 ? s.title : "", t.label, t.actual, t.pass ? "PASS" : "MISS"]));
    for (const p of s.problems) targets.rows.push(["", "check", p, "FAIL"]);
  }
  return { runs, ratios, targets };
}

function plain(t: Table): string {
  const widths = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (t.right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(t.head), ...t.rows.map(line)].join("\n");
}

function markdown(t: Table): string {
  const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [row(t.head), row(t.right.map((r) => (r ? "---:" : "---"))), ...t.rows.map(row)].join("\n");
}

function context(report: Report): string {
  const o = report.options;
  const m = report.machine;
  return (
    `${o.durationS} s per run after ${o.warmupS} s warm-up, ${o.connections} connections, server LOG_LEVEL=${o.logLevel}; ` +
    `${m.cpus} CPUs (load average ${m.loadAverage.map((l) => l.toFixed(2)).join(" ")} at start), Node ${m.node}. ` +
    `autocannon runs in the bench process on the same cores as the server.`
  );
}

export function printReport(report: Report): void {
  const { runs, ratios, targets } = tables(report);
  console.log(`\nHTTP load against the production build — ${context(report)}\n`);
  console.log(plain(runs));
  console.log(`\nApp ÷ baseline (same run): req/s below 1× and p99 above 1× are what the app costs\n`);
  console.log(plain(ratios));
  console.log(`\nTargets (2 cores)\n`);
  console.log(plain(targets));
  console.log(report.missed ? `\n${report.missed} target(s) missed or check(s) failed.` : "\nAll targets met.");
}

export function writeReport(report: Report, dir: string): { json: string; md: string } {
  const { runs, ratios, targets } = tables(report);
  const md = [
    `# HTTP load — ${report.startedAt}`,
    "",
    context(report),
    "",
    "## Runs",
    "",
    markdown(runs),
    "",
    "Requests: " + [`bare Remix route — ${report.remixBaseline.request}`, ...report.scenarios.map((s) => `${s.title} — ${s.request}`)].join("; ") + ".",
    "",
    "## App ÷ baseline",
    "",
    markdown(ratios),
    "",
    "## Targets",
    "",
    markdown(targets),
    "",
  ].join("\n");
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const json = JSON.stringify(report, null, 2) + "\n";
  for (const name of [stamp, "latest"]) {
    writeFileSync(path.join(dir, `${name}.json`), json);
    writeFileSync(path.join(dir, `${name}.md`), md);
  }
  return { json: path.join(dir, `${stamp}.json`), md: path.join(dir, `${stamp}.md`) };
}
