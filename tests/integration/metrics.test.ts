/**
 * GET /metrics through the real express app over HTTP: who may read it, what the HTTP histogram is
 * labelled with, and that answers and drill runs are counted where they happen.
 */
import { createServer } from "node:http";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { loadContent } from "../../app/content/load.server";
import { SandboxPool } from "../../app/drills/pool.server";
import { runDrill } from "../../app/drills/runner.server";
import { getQuestionVersion } from "../../app/models/question.server";
import { recordSandboxRestart, renderMetrics } from "../../app/utils/metrics.server";
import { resetSingleton } from "../../app/utils/singleton.server";
import * as step from "../../app/routes/practice.$sessionId.q.$step";
import * as topic from "../../app/routes/topics.$slug";
import type { PublicQuestion } from "../../app/grading/present";
import { createApp } from "../../server/index";
import { createMetricsServer } from "../../server/metrics";
import { answerFields } from "../setup/answers";
import { listen, stubBuild, type Listening } from "../setup/http";
import { parseSamples, total } from "../setup/prometheus";
import { TestClient } from "../setup/remix";
import { FIXTURE_CONTENT } from "../setup/setup-db";

const TOKEN = "s3cret-metrics-token-0123456789";
const ENV_KEYS = ["METRICS_TOKEN", "METRICS_PORT"] as const;

const running: Listening[] = [];
async function serve(env: Partial<Record<(typeof ENV_KEYS)[number], string>>): Promise<string> {
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, env);
  resetSingleton("env");
  const app = createApp(stubBuild());
  const s = await listen(createServer(app));
  running.push(s);
  return s.url;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  for (const k of ENV_KEYS) delete process.env[k];
  resetSingleton("env");
});

async function scrape() {
  return parseSamples((await renderMetrics()).body);
}

describe("who can read /metrics", () => {
  it("answers 404 on the main port when neither a token nor an internal port is configured", async () => {
    const url = await serve({});
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it("with METRICS_TOKEN: 401 without the token or with a wrong one, 200 with it", async () => {
    const url = await serve({ METRICS_TOKEN: TOKEN });
    const none = await fetch(`${url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await none.text()).not.toContain("http_request_duration_seconds");
    for (const wrong of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN, "Bearer "]) {
      expect((await fetch(`${url}/metrics`, { headers: { Authorization: wrong } })).status).toBe(401);
    }
    const ok = await fetch(`${url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const names = new Set(parseSamples(await ok.text()).map((s) => s.name));
    for (const name of ["process_resident_memory_bytes", "nodejs_eventloop_lag_p99_seconds", "sqlite_file_size_bytes", "app_ready", "answers_total", "drill_runs_total", "sandbox_child_restarts_total"]) {
      expect(names).toContain(name);
    }
  });

  it("with METRICS_PORT: served on the internal port without a token, and not on the main port", async () => {
    const url = await serve({ METRICS_PORT: "9464" });
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    const internal = await listen(createMetricsServer({ METRICS_TOKEN: undefined }));
    running.push(internal);
    const res = await fetch(`${internal.url}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("# TYPE http_request_duration_seconds histogram");
    expect((await fetch(`${internal.url}/`)).status).toBe(404);
    expect((await fetch(`${internal.url}/metrics`, { method: "POST" })).status).toBe(404);
  });

  it("on the internal port, still asks for the token when METRICS_TOKEN is also set", async () => {
    const internal = await listen(createMetricsServer({ METRICS_TOKEN: TOKEN }));
    running.push(internal);
    expect((await fetch(`${internal.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${internal.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });
});

describe("the HTTP histogram", () => {
  it("labels requests by route pattern, never by raw URL", async () => {
    const url = await serve({ METRICS_TOKEN: TOKEN });
    const before = await scrape();
    const count = (samples: typeof before, route: string, status: string) =>
      total(samples, "http_request_duration_seconds_count", { route, method: "GET", status });
    expect((await fetch(`${url}/topics/fixture-basics`)).status).toBe(200);
    expect((await fetch(`${url}/topics/fixture-extra`)).status).toBe(200);
    expect((await fetch(`${url}/topics/no-such-topic-zz9`)).status).toBe(404);
    expect((await fetch(`${url}/wp-login.php?user=admin`)).status).toBe(404);
    expect((await fetch(`${url}/favicon.svg`)).status).toBe(200);
    const text = (await renderMetrics()).body;
    const after = parseSamples(text);
    expect(count(after, "/topics/:slug", "200") - count(before, "/topics/:slug", "200")).toBe(2);
    expect(count(after, "/topics/:slug", "404") - count(before, "/topics/:slug", "404")).toBe(1);
    expect(count(after, "unmatched", "404") - count(before, "unmatched", "404")).toBe(1);
    expect(count(after, "static", "200") - count(before, "static", "200")).toBe(1);
    for (const raw of ["fixture-basics", "fixture-extra", "no-such-topic-zz9", "wp-login", "favicon"]) expect(text).not.toContain(raw);
    const buckets = after.filter((s) => s.name === "http_request_duration_seconds_bucket" && s.labels.route === "/topics/:slug" && s.labels.status === "200");
    expect(buckets.find((b) => b.labels.le === "+Inf")!.value).toBe(count(after, "/topics/:slug", "200"));
  });
});

describe("answers_total", () => {
  it("counts a stored answer by type and result, and not its replay", async () => {
    const client = new TestClient("198.51.100.61");
    const started = await client.call(topic.action, "/topics/fixture-basics", { slug: "fixture-basics" }, { form: {} });
    const sessionId = started.location!.split("/").pop()!;
    const open = (await client.call(step.loader, `/practice/${sessionId}/q/1`, { sessionId, step: "1" })).data as {
      question: PublicQuestion;
      idempotencyKey: string;
      step: number;
    };
    const q = (await getQuestionVersion(open.question.id, open.question.version))!;
    const form: Array<[string, string]> = [
      ["intent", "answer"],
      ["idempotencyKey", open.idempotencyKey],
      ["step", String(open.step)],
      ["version", String(open.question.version)],
      ...answerFields(q, `${sessionId}:${open.step}`, false),
    ];
    const result = q.type === "free-text" ? "ungraded" : q.type === "multiple" || q.type === "ordering" ? undefined : "incorrect";
    const labels = { type: q.type, source: "practice", ...(result ? { result } : {}) };
    const before = total(await scrape(), "answers_total", labels);
    const post = () => client.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, { form });
    expect((await post()).status).toBe(303);
    expect(total(await scrape(), "answers_total", labels)).toBe(before + 1);
    expect((await post()).status).toBe(303);
    expect(total(await scrape(), "answers_total", labels)).toBe(before + 1);
  });
});

describe("drill metrics", () => {
  const drill = loadContent(FIXTURE_CONTENT).drills.find((d) => d.id === "fixture-sum")!;
  const fixture = (name: string) => ({ file: path.resolve(`tests/fixtures/${name}`), execArgv: [] });
  const pools: SandboxPool[] = [];
  const pool = (options: Partial<ConstructorParameters<typeof SandboxPool>[0]> = {}) => {
    const p = new SandboxPool({ size: 1, graceMs: 300, onRestart: recordSandboxRestart, ...options });
    pools.push(p);
    return p;
  };
  afterAll(() => Promise.all(pools.map((p) => p.close())));
  type Samples = Awaited<ReturnType<typeof scrape>>;
  const delta = (after: Samples, before: Samples, name: string, labels: Record<string, string>) => total(after, name, labels) - total(before, name, labels);

  it("counts runs by kind and outcome, each with its duration", async () => {
    const sandbox = pool();
    const before = await scrape();
    const run = (code: string, language: "typescript" | "javascript" = "typescript") => runDrill({ ...drill, timeLimitMs: 300 }, { code, language, mode: "submit" }, sandbox);
    expect((await run(drill.solution)).status).toBe("pass");
    expect((await run(drill.wrong[0]!.source)).status).toBe("fail");
    expect((await run("export function sum(a: number, b: number { return a + b }")).status).toBe("error");
    expect((await run("export function sum() { for (;;) {} }", "javascript")).message).toMatch(/Time limit exceeded/);
    const after = await scrape();
    for (const outcome of ["pass", "fail", "error", "timeout"]) {
      expect(delta(after, before, "drill_runs_total", { kind: "code", outcome })).toBe(1);
      expect(delta(after, before, "drill_run_duration_seconds_count", { kind: "code", outcome })).toBe(1);
    }
    expect(delta(after, before, "drill_run_duration_seconds_sum", { kind: "code", outcome: "timeout" })).toBeGreaterThanOrEqual(0.3);
  });

  it("counts a child the watchdog kills as a timeout restart, and one that dies on its own as a crash", async () => {
    const before = await scrape();
    const hung = await runDrill({ ...drill, timeLimitMs: 100 }, { code: drill.solution, language: "typescript", mode: "run" }, pool({ worker: fixture("hanging-worker.mjs") }));
    expect(hung.message).toMatch(/Time limit exceeded/);
    // The replacement is started once the killed child has exited.
    await expect.poll(async () => delta(await scrape(), before, "sandbox_child_restarts_total", { reason: "timeout" }), { timeout: 5000 }).toBe(1);
    expect(delta(await scrape(), before, "drill_runs_total", { kind: "code", outcome: "timeout" })).toBe(1);

    pool({ worker: fixture("crashing-worker.mjs") });
    await expect.poll(async () => delta(await scrape(), before, "sandbox_child_restarts_total", { reason: "crash" }), { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    expect(delta(await scrape(), before, "sandbox_child_restarts_total", { reason: "timeout" })).toBe(1);
  });
});
