/**
 * OpenTelemetry tracing in-process, with spans kept in memory: off unless an endpoint is set; when
 * on, a request carrying an upstream `traceparent` yields HTTP, express and SQLite spans in that
 * trace, its log lines carry the trace id, and a drill run is a span with its outcome.
 *
 * Express must be loaded after the SDK starts (as server/boot.ts ensures in production), so the
 * server and the helpers that load it are imported dynamically, after startTracing.
 */
import { SpanKind, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, describe, expect, it } from "vitest";
import { loadContent } from "../../app/content/load.server";
import { closeDb, getDb } from "../../app/utils/db.server";
import { createLogger } from "../../app/utils/logger.server";
import { isTracingEnabled, shutdownTracing } from "../../app/utils/tracing.server";
import { topics } from "../../db/schema";
import { startTracing } from "../../server/tracing";
import { FIXTURE_CONTENT } from "../setup/setup-db";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const UPSTREAM_SPAN = "00f067aa0ba902b7";

const lines: string[] = [];
const logger = createLogger({ write: (s: string) => void lines.push(s) }, "info");
const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

afterAll(async () => {
  await shutdownTracing();
  closeDb();
});

describe("with OTEL_EXPORTER_OTLP_ENDPOINT unset", () => {
  it("starts no SDK: spans are non-recording, statements unwrapped, logs without trace fields", async () => {
    expect(await startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_SERVICE_NAME: "groundwork" })).toBe(false);
    expect(isTracingEnabled()).toBe(false);
    trace.getTracer("test").startActiveSpan("outer", (span) => {
      expect(span.isRecording()).toBe(false);
      expect(span.spanContext().traceId).toBe("0".repeat(32));
      logger.info("inside a would-be span");
      span.end();
    });
    expect(logged().at(-1)).not.toHaveProperty("trace_id");
    expect(Object.prototype.hasOwnProperty.call(getDb().$client.prepare("select 1"), "run")).toBe(false);
  });
});

describe("with tracing on", () => {
  const exporter = new InMemorySpanExporter();

  it("continues an upstream trace through HTTP, express and SQLite, and stamps the request's log line", async () => {
    const started = await startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318", OTEL_SERVICE_NAME: "groundwork-test" }, { spanProcessors: [new SimpleSpanProcessor(exporter)] });
    expect(started).toBe(true);
    closeDb(); // reopened below with its statements instrumented
    const store = globalThis as unknown as Record<symbol, unknown>;
    store[Symbol.for("groundwork.logger")] = logger;
    const { createServer } = await import("node:http");
    const { createApp } = await import("../../server/index");
    const { listen, stubBuild } = await import("../setup/http");
    const server = await listen(createServer(createApp(stubBuild())));
    try {
      const res = await fetch(`${server.url}/topics/fixture-basics`, { headers: { traceparent: `00-${TRACE_ID}-${UPSTREAM_SPAN}-01`, "X-Request-Id": "traced-request" } });
      expect(res.status).toBe(200);
      await expect.poll(() => exporter.getFinishedSpans().some((s) => s.kind === SpanKind.SERVER)).toBe(true);
    } finally {
      await server.close();
    }
    const spans = exporter.getFinishedSpans();
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([TRACE_ID]));
    const http = spans.find((s) => s.kind === SpanKind.SERVER)!;
    expect(http.name).toBe("GET /topics/:slug");
    expect(http.attributes["http.route"]).toBe("/topics/:slug");
    expect(http.parentSpanContext?.spanId).toBe(UPSTREAM_SPAN);
    expect(spans.some((s) => s.instrumentationScope.name === "@opentelemetry/instrumentation-express")).toBe(true);
    const queries = spans.filter((s) => s.attributes["db.system.name"] === "sqlite");
    expect(queries.map((s) => s.name)).toContain("SELECT topics");
    expect(queries.every((s) => s.kind === SpanKind.CLIENT && String(s.attributes["db.query.text"]).includes("?"))).toBe(true);
    expect(JSON.stringify(queries.map((s) => s.attributes))).not.toContain("fixture-basics"); // bound values stay out

    const line = logged().find((l) => (l.req as { id?: string } | undefined)?.id === "traced-request");
    expect(line).toMatchObject({ trace_id: TRACE_ID, msg: "request completed" });
    expect(line!.span_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it("makes no query spans outside a trace (start-up work, timers)", () => {
    exporter.reset();
    expect(getDb().select().from(topics).all().length).toBeGreaterThan(0);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });

  it("records a drill run as a span with the drill's id, kind and outcome", async () => {
    const { SandboxPool } = await import("../../app/drills/pool.server");
    const { runDrill } = await import("../../app/drills/runner.server");
    const drill = loadContent(FIXTURE_CONTENT).drills.find((d) => d.id === "fixture-sum")!;
    const pool = new SandboxPool({ size: 1, graceMs: 1000 });
    try {
      exporter.reset();
      const results = await runDrill(drill, { code: drill.wrong[0]!.source, language: "typescript", mode: "submit" }, pool);
      expect(results.status).toBe("fail");
    } finally {
      await pool.close();
    }
    const span = exporter.getFinishedSpans().find((s) => s.name === "drill.run")!;
    expect(span.attributes).toMatchObject({ "drill.id": "fixture-sum", "drill.kind": "code", "drill.mode": "submit", "drill.outcome": "fail", "drill.tests": 4 });
  });
});
