/**
 * Metrics and tracing of the production build (node build/server.js): who can read /metrics, what
 * the HTTP histogram is labelled with, and spans exported over OTLP to a collector stand-in that
 * continue an upstream trace, with the trace id in the request's log line.
 */
import { readdirSync, existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseSamples, total } from "../setup/prometheus";
import { freePort, startServer, type RunningServer } from "./server";

const TOKEN = "e2e-metrics-token-9f8e7d6c5b4a";
const TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
const UPSTREAM_SPAN = "b7ad6b7169203331";

/** Two real topic slugs from the content the build serves. */
const [slugA, slugB] = readdirSync("content").filter((d) => existsSync(path.join("content", d, "topic.md")));

type ExportedSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes: Array<{ key: string; value: { stringValue?: string } }> };

/** An OTLP/HTTP (JSON) trace receiver standing in for a collector. */
function collector() {
  const spans: ExportedSpan[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (req.url === "/v1/traces") {
        const payload = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: ExportedSpan[] }> }> };
        for (const rs of payload.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end("{}");
    });
  });
  return { spans, server };
}

const otlp = collector();
let traced: RunningServer;
let internal: RunningServer;
let metricsPort: number;

beforeAll(async () => {
  await new Promise<void>((resolve) => otlp.server.listen(0, "127.0.0.1", resolve));
  const { port } = otlp.server.address() as AddressInfo;
  metricsPort = await freePort();
  // One after the other: start-up syncs the whole bank, and a 2-core machine is busy enough.
  traced = await startServer({
    METRICS_TOKEN: TOKEN,
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_BSP_SCHEDULE_DELAY: "100",
  });
  internal = await startServer({ METRICS_PORT: String(metricsPort) });
});

afterAll(async () => {
  await Promise.all([traced?.stop(), internal?.stop()]);
  otlp.server.close();
});

const scrape = (url: string, authorization?: string) => fetch(`${url}/metrics`, { headers: authorization ? { Authorization: authorization } : {} });

describe("GET /metrics on the production build", () => {
  it("is a 404 when neither METRICS_TOKEN nor METRICS_PORT is set", async () => {
    expect((await scrape(inject("baseUrl"))).status).toBe(404);
  });

  it("asks for the bearer token when METRICS_TOKEN is set", async () => {
    expect((await scrape(traced.url)).status).toBe(401);
    expect((await scrape(traced.url, `Bearer not-${TOKEN}`)).status).toBe(401);
    const ok = await scrape(traced.url, `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("# TYPE nodejs_eventloop_lag_p99_seconds gauge");
  });

  it("labels page requests by route pattern, with no slug in any label", async () => {
    for (const slug of [slugA, slugB]) expect((await fetch(`${traced.url}/topics/${slug}`)).status).toBe(200);
    const text = await (await scrape(traced.url, `Bearer ${TOKEN}`)).text();
    const samples = parseSamples(text);
    expect(total(samples, "http_request_duration_seconds_count", { route: "/topics/:slug", method: "GET", status: "200" })).toBeGreaterThanOrEqual(2);
    const routes = new Set(samples.filter((s) => s.name === "http_request_duration_seconds_count").map((s) => s.labels.route));
    for (const route of routes) expect(route).toMatch(/^(\/[\w:*./-]*|static|unmatched)$/);
    for (const slug of [slugA, slugB]) expect(text).not.toContain(`/topics/${slug}`);
    expect(total(samples, "sqlite_file_size_bytes", { file: "db" })).toBeGreaterThan(0);
    expect(total(samples, "app_ready")).toBe(1);
  });

  it("is served on METRICS_PORT without a token, and not on the main port", async () => {
    expect((await scrape(internal.url)).status).toBe(404);
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("# TYPE http_request_duration_seconds histogram");
  });
});

describe("tracing on the production build", () => {
  it("exports spans that continue the upstream trace, and logs the request with its trace id", async () => {
    const res = await fetch(`${traced.url}/topics/${slugA}`, { headers: { traceparent: `00-${TRACE_ID}-${UPSTREAM_SPAN}-01`, "X-Request-Id": "e2e-traced" } });
    expect(res.status).toBe(200);
    await expect.poll(() => otlp.spans.some((s) => s.traceId === TRACE_ID && s.parentSpanId === UPSTREAM_SPAN), { timeout: 10_000 }).toBe(true);
    const inTrace = otlp.spans.filter((s) => s.traceId === TRACE_ID);
    const root = inTrace.find((s) => s.parentSpanId === UPSTREAM_SPAN)!;
    expect(root.name).toBe("GET /topics/:slug");
    expect(inTrace.some((s) => s.name.startsWith("middleware - "))).toBe(true);
    expect(inTrace.some((s) => s.name === "SELECT topics" && s.attributes.some((a) => a.key === "db.system.name" && a.value.stringValue === "sqlite"))).toBe(true);
    const line = traced.logs
      .join("")
      .split("\n")
      .find((l) => l.includes('"e2e-traced"'));
    expect(JSON.parse(line!)).toMatchObject({ trace_id: TRACE_ID, req: { url: `/topics/${slugA}` } });
  });

  it("runs no SDK without an endpoint: even a request with a traceparent logs no trace fields", async () => {
    await fetch(`${internal.url}/topics/${slugA}`, { headers: { traceparent: `00-${TRACE_ID}-${UPSTREAM_SPAN}-01`, "X-Request-Id": "e2e-untraced" } });
    await expect.poll(() => internal.logs.join("").includes('"e2e-untraced"')).toBe(true);
    const line = internal.logs
      .join("")
      .split("\n")
      .find((l) => l.includes('"e2e-untraced"'));
    expect(JSON.parse(line!)).not.toHaveProperty("trace_id");
  });
});
