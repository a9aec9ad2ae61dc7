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

/** Keys whose values are secrets wherever they sit, up to three levels deep (pino paths do not recurse). */
const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "apiToken",
  "apiKey",
  "accessToken",
  "refreshToken",
  "resetToken",
  "inviteToken",
  "sessionToken",
  "secret",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
];
/** Headers that carry credentials, on requests, responses and anything shaped like them. */
const SECRET_HEADERS = ['"set-cookie"', '"Set-Cookie"', '"x-api-key"', '"proxy-authorization"'];

export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  ...SECRET_HEADERS.flatMap((h) => [`headers[${h}]`, `*.headers[${h}]`, `*.*.headers[${h}]`]),
];

/** Path segments that are secrets themselves: the token in `/ps/<token>` and `/invite/<token>` links. */
const SECRET_SEGMENT = /(\/(?:ps|invite)\/)([^/?#]+)/gi;

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
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceLogFields,
  };
}

/** A logger with the app's options writing to `destination` (tests capture output this way). */
export function createLogger(destination?: DestinationStream, level: LoggerOptions["level"] = getEnv().LOG_LEVEL): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

export function getLogger(): Logger {
  return singleton("logger", () => createLogger());
}
