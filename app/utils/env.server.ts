/**
 * Configuration, parsed once from process.env. A bad value stops start-up with a message naming
 * the variable. The README's configuration table lists the same variables.
 */
import { z } from "zod";
import { singleton } from "./singleton.server";

const boolean = z
  .enum(["true", "false", "1", "0"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ message: "must be a port number" }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default("./data/groundwork.db"),
  /**
   * How long a write waits for another connection's lock (a backup, Litestream's checkpoint) before
   * the request answers 503 with Retry-After. The wait blocks the event loop, so keep it short.
   */
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number({ message: "must be a whole number of milliseconds from 0 to 60000" }).int().min(0).max(60000).default(5000),
  CONTENT_DIR: z.string().min(1).default("./content"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Defaults to true when NODE_ENV=production. */
  SESSION_COOKIE_SECURE: boolean.optional(),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Failed log-ins allowed per email+IP within LOGIN_WINDOW_SECONDS before 429. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  /**
   * Failed log-ins for one email from any address within LOGIN_ACCOUNT_WINDOW_SECONDS before the
   * account is locked (429 everywhere until the window passes or the password is reset).
   */
  LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).max(10000).default(20),
  LOGIN_ACCOUNT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(3600),
  /**
   * Where rate-limit counters live: `sqlite` (the app's database; survives restarts, shared by
   * processes on one host) or `memory` (no writes; lost on restart, per process). ADR 0017.
   */
  RATE_LIMIT_STORE: z.enum(["sqlite", "memory"], { message: "must be sqlite or memory" }).default("sqlite"),
  /** How long SIGTERM waits for in-flight requests before closing connections. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120000).default(10000),
  /** scrypt cost as log2(N). 17 is OWASP's minimum; tests lower it to stay fast. */
  SCRYPT_LOG_N: z.coerce.number({ message: "must be a whole number from 10 to 20" }).int().min(10).max(20).default(17),
  /** Trust X-Forwarded-For from this many proxy hops (0 = use the socket address). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Tests only: lets a `gw-test-now` cookie (epoch ms) set the clock of review scheduling and the
   * dashboard, so the browser suite can jump days ahead. Never enable it in production.
   */
  TEST_CLOCK: boolean.default(false),
  /** Pre-warmed sandbox processes that run code drills (each runs one submission at a time). */
  SANDBOX_POOL_SIZE: z.coerce.number({ message: "must be a whole number from 1 to 32" }).int().min(1).max(32).default(2),
  /** Drill runs and submissions allowed per learner per minute before 429. */
  DRILL_RUNS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
  /**
   * Outgoing mail (invites, password resets) through SMTP, e.g. smtp://user:pass@mail.example.com:587.
   * Unset: nothing is sent and the app shows links to copy instead.
   */
  SMTP_URL: z.string().url({ message: "must be an smtp:// or smtps:// URL" }).regex(/^smtps?:\/\//, { message: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).default("Groundwork <no-reply@localhost>"),
  /**
   * The public origin used in links the app sends by mail or API (e.g. https://groundwork.example.com).
   * Unset: taken from the request.
   */
  PUBLIC_URL: z.string().url({ message: "must be an absolute URL" }).optional(),
  /**
   * Let pre-screen webhooks reach private, loopback and link-local addresses (an ATS on the same
   * internal network). Off: such deliveries are refused, so a webhook cannot probe the private network.
   */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean.default(false),
  /**
   * Bearer token that unlocks GET /metrics on the main port (secret). Unset and no METRICS_PORT:
   * /metrics answers 404.
   */
  METRICS_TOKEN: z.string().min(16, { message: "must be at least 16 characters" }).optional(),
  /**
   * Serve /metrics on this separate internal port instead of the main one (no token needed there
   * unless METRICS_TOKEN is also set). Unset: no internal port.
   */
  METRICS_PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).optional(),
  /**
   * OpenTelemetry collector (OTLP over HTTP), e.g. http://otel-collector:4318. Tracing is on only
   * when this is set; unset, no SDK starts and nothing is sent anywhere.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .url({ message: "must be an http:// or https:// URL" })
    .regex(/^https?:\/\//, { message: "must be an http:// or https:// URL" })
    .optional(),
  /** The service.name of exported spans. */
  OTEL_SERVICE_NAME: z.string().min(1).default("groundwork"),
});

export type Env = z.infer<typeof envSchema> & { SESSION_COOKIE_SECURE: boolean };

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
    throw new Error("Invalid configuration:\n  METRICS_PORT: must differ from PORT (metrics are served on a separate port)");
  }
  return { ...env, SESSION_COOKIE_SECURE: env.SESSION_COOKIE_SECURE ?? env.NODE_ENV === "production" };
}

export function getEnv(): Env {
  return singleton("env", () => parseEnv(process.env));
}
