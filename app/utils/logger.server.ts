/** Structured JSON logs (pino). Secrets are redacted wherever they appear in a log object. */
import { pino, type Logger } from "pino";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";

export const REDACT_PATHS = [
  "password",
  "*.password",
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
];

export function getLogger(): Logger {
  return singleton("logger", () =>
    pino({
      level: getEnv().LOG_LEVEL,
      base: { service: "groundwork" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    }),
  );
}
