/**
 * What the app needs from OpenTelemetry tracing, through @opentelemetry/api only. The SDK is started
 * (or not) by server/tracing.ts before anything else loads; without it every call here is a no-op
 * and costs next to nothing: the API hands out non-recording spans, and SQLite statements are not
 * even wrapped.
 */
import { context, isSpanContextValid, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";
import { getRPCMetadata, RPCType } from "@opentelemetry/core";
import { ATTR_DB_COLLECTION_NAME, ATTR_DB_OPERATION_NAME, ATTR_DB_QUERY_TEXT, ATTR_DB_SYSTEM_NAME } from "@opentelemetry/semantic-conventions";
import type Database from "better-sqlite3";
import { singleton } from "./singleton.server";

type TracingState = { enabled: boolean; shutdown: (() => Promise<void>) | null };
const state = () => singleton<TracingState>("tracing", () => ({ enabled: false, shutdown: null }));

/** Called once by server/tracing.ts after the SDK has started. */
export function markTracingStarted(shutdown: () => Promise<void>): void {
  state().enabled = true;
  state().shutdown = shutdown;
}

export function isTracingEnabled(): boolean {
  return state().enabled;
}

/** Flushes buffered spans at shutdown (waiting at most `limitMs` for the collector); nothing to do when tracing is off. */
export async function shutdownTracing(limitMs = 3000): Promise<void> {
  const { shutdown } = state();
  state().enabled = false;
  state().shutdown = null;
  if (!shutdown) return;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs).unref()));
  await Promise.race([shutdown().catch(() => undefined), limit]);
  clearTimeout(timer);
}

const tracer = () => trace.getTracer("groundwork");

/**
 * pino `mixin`: the active span's ids on every log line written while it is active (names as in
 * OpenTelemetry's log data model). No active span, or no SDK → no fields.
 */
export function traceLogFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const ctx = span.spanContext();
  if (!isSpanContextValid(ctx)) return {};
  return { trace_id: ctx.traceId, span_id: ctx.spanId, trace_flags: `0${ctx.traceFlags.toString(16)}`.slice(-2) };
}

/**
 * Names the current HTTP server span after the route pattern (`GET /topics/:slug`) instead of the
 * catch-all express route `*` that hands every request to Remix.
 */
export function setHttpRoute(route: string): void {
  if (!state().enabled) return;
  const rpc = getRPCMetadata(context.active());
  if (rpc?.type === RPCType.HTTP) rpc.route = route;
}

/** Runs `fn` in a span that ends when it settles; an exception marks the span as an error. */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

const OPERATION = /^\s*(?:--[^\n]*\n\s*)*(\w+)/;
const TABLE = /\b(?:from|into|update|table)\s+["`[]?(\w+)/i;
const EXECUTORS = ["run", "get", "all"] as const;

/**
 * Wraps every statement prepared on this connection so `run`, `get` and `all` each make a client
 * span (operation, table, the SQL with its `?` placeholders — never the bound values). Spans are
 * made only inside an existing trace, so start-up work (migrations, content sync) and timers do not
 * flood the collector with one-query traces.
 */
export function instrumentSqlite(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const wrapped = ((source: string) => {
    const statement = prepare(source);
    const operation = OPERATION.exec(source)?.[1]?.toUpperCase() ?? "QUERY";
    const table = TABLE.exec(source)?.[1];
    const attributes: Attributes = { [ATTR_DB_SYSTEM_NAME]: "sqlite", [ATTR_DB_OPERATION_NAME]: operation, [ATTR_DB_QUERY_TEXT]: source };
    if (table) attributes[ATTR_DB_COLLECTION_NAME] = table;
    const name = table ? `${operation} ${table}` : operation;
    for (const method of EXECUTORS) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      // Own properties survive raw()/pluck()/expand(), which return the same statement.
      Object.defineProperty(statement, method, {
        configurable: true,
        writable: true,
        value: function (this: unknown, ...args: unknown[]) {
          if (!trace.getActiveSpan()) return original.apply(this, args);
          const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes });
          try {
            return original.apply(this, args);
          } catch (error) {
            span.recordException(error as Error);
            span.setStatus({ code: SpanStatusCode.ERROR });
            throw error;
          } finally {
            span.end();
          }
        },
      });
    }
    return statement;
  }) as Database.Database["prepare"];
  sqlite.prepare = wrapped;
}
