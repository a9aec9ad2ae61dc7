/**
 * Structured JSON logs (pino). Secrets are redacted wherever they appear in a log object, URLs are
 * logged without their query string and with invite secrets in the path hashed, and every line
 * written inside a trace carries its trace_id and span_id.
 */
import { createHash } from "node:crypto";
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";
import { traceLogFields } from "./tracing.server";

/**
 * A key whose value is a secret, in any letter case: passwords (`password`, `newPassword`, and the
 * stored `passwordHash`), tokens (`token`, `inviteToken`, `resetToken`, `apiToken`, …), secrets,
 * API keys, and the `authorization`, `cookie` and `set-cookie` headers.
 */
const SECRET_KEY = /(?:password|passwd|secret|token|authorization|cookie|api[-_]?key)$|^passwordhash$/i;
const MAX_DEPTH = 8;

function walkable(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Array.isArray(value) || value instanceof Error;
}

/**
 * `value` with every secret-keyed entry replaced by "[redacted]", at any depth (up to 8 levels).
 * Objects are copied only where something changes; errors keep their class, message and stack.
 * pino's own path-based `redact` was not used: with wildcards at several depths it cost about ten
 * times as much per log line as this walk, and it cannot match keys in any letter case.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH || !walkable(value)) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const clean = redactSecrets(item, depth + 1);
      if (clean !== item) (copy ??= [...value])[i] = clean;
    });
    return (copy ?? value) as T;
  }
  let copy: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const item = source[key];
    const clean = SECRET_KEY.test(key) ? "[redacted]" : redactSecrets(item, depth + 1);
    if (clean === item) continue;
    copy ??= value instanceof Error ? Object.create(Object.getPrototypeOf(value), Object.getOwnPropertyDescriptors(value)) : { ...source };
    copy![key] = clean;
  }
  return (copy ?? value) as T;
}

/** Path segments that are secrets themselves: candidate links `/c/<token>`, colleague invites `/join/<token>`, password resets. */
const SECRET_SEGMENT = /^(\/(?:c|join|reset-password)\/)([^/?#]+)/i;

/**
 * A URL as it may be logged: no query string (tokens travel there too) and each secret path segment
 * replaced by a short hash, so an operator can still tell two invites' requests apart.
 */
export function redactUrl(url: string | undefined): string {
  if (!url) return "";
  const path = url.split(/[?#]/, 1)[0]!;
  return path.replace(SECRET_SEGMENT, (_m, prefix: string, secret: string) => `${prefix}[sha256:${createHash("sha256").update(secret).digest("hex").slice(0, 8)}]`);
}

export function loggerOptions(level: LoggerOptions["level"]): LoggerOptions {
  return {
    level,
    base: { service: "groundwork" },
    formatters: { log: (object) => redactSecrets(object) },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceLogFields,
  };
}

/** A logger with the app's options writing to `destination` (tests capture output this way). */
export function createLogger(destination?: DestinationStream, level: LoggerOptions["level"] = getEnv().LOG_LEVEL): Logger {
  const logger = destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
  // pino formats a child's bindings once, without the log formatter: redact them on the way in.
  // Children inherit this method from their parent, so grandchildren are covered too.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return child.call(this, redactSecrets(bindings), options);
  } as Logger["child"];
  return logger;
}

export function getLogger(): Logger {
  return singleton("logger", () => createLogger());
}
