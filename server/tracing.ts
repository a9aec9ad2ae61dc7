/**
 * OpenTelemetry tracing, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set: without it this module
 * loads nothing from the SDK and nothing is sent anywhere. It must run before express and http are
 * loaded (server/boot.ts sees to that): auto-instrumentation patches modules as they load.
 *
 * Spans: one per HTTP request (instrumentation-http, named by route pattern), express middleware
 * (instrumentation-express), SQLite statements (app/utils/tracing.server.ts) and drill runs. An
 * upstream `traceparent` header (W3C trace context, the SDK's default propagator) is continued.
 * Only traces are exported; metrics stay with Prometheus and logs with stdout.
 */
import type { IncomingMessage } from "node:http";
import { register } from "node:module";
import type { SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { Env } from "../app/utils/env.server";
import { markTracingStarted } from "../app/utils/tracing.server";

/** Probes and scrapes arrive every few seconds and say nothing about users' requests. */
const UNTRACED = new Set(["/healthz", "/readyz", "/metrics"]);

export type TracingOptions = {
  /** Tests only: where spans go instead of the OTLP exporter configured from the environment. */
  spanProcessors?: SpanProcessor[];
};

/** Starts the SDK when an OTLP endpoint is configured; returns whether it did. */
export async function startTracing(env: Pick<Env, "OTEL_EXPORTER_OTLP_ENDPOINT" | "OTEL_SERVICE_NAME">, options: TracingOptions = {}): Promise<boolean> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  // express is CommonJS loaded through `import`, which require hooks never see: an ESM loader hook
  // (import-in-the-middle, limited to express) lets its instrumentation patch it.
  register("@opentelemetry/instrumentation/hook.mjs", import.meta.url, { data: { include: ["express"] } });
  const [{ NodeSDK }, { HttpInstrumentation }, { ExpressInstrumentation }] = await Promise.all([
    import("@opentelemetry/sdk-node"),
    import("@opentelemetry/instrumentation-http"),
    import("@opentelemetry/instrumentation-express"),
  ]);
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME,
    // Unset: an OTLP exporter configured by the standard OTEL_EXPORTER_OTLP_* variables, batched.
    spanProcessors: options.spanProcessors,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED.has((req.url ?? "").split("?", 1)[0]!) }),
      new ExpressInstrumentation(),
    ],
  });
  sdk.start();
  markTracingStarted(() => sdk.shutdown());
  return true;
}
