/**
 * Requests the framework below us would answer with a 500 get an honest 4xx here instead, and any
 * error that still reaches express is answered without a stack trace (found by the HTTP fuzzing
 * in tests/e2e/durability.test.ts; ADR 0018).
 */
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { isDatabaseBusy, retryAfterSeconds } from "../app/utils/db-busy.server";

/** Methods the Fetch API refuses to build a Request for (Remix would throw a TypeError). */
const UNSUPPORTED_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

export const refuseUnsupportedMethods: RequestHandler = (req, res, next) => {
  if (!UNSUPPORTED_METHODS.has(req.method.toUpperCase())) return next();
  res.status(405).set("Allow", "GET, HEAD, POST").type("text/plain").send("Method not allowed.");
};

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Remix throws a plain Error (a 500) for a submission whose Origin does not match the Host (or
 * X-Forwarded-Host), including `Origin: null`, and a malformed Origin makes it throw too. Answer
 * those 403 before it runs. The same rule as Remix's `throwIfPotentialCSRFAttack`, so nothing it
 * accepts is refused.
 */
export const refuseCrossOriginSubmissions: RequestHandler = (req, res, next) => {
  // Remix checks every method but GET on `.data` requests, and mutations on documents.
  if (req.method === "GET" || (req.method === "HEAD" && !req.path.endsWith(".data"))) return next();
  const origin = req.headers.origin;
  if (origin === undefined) return next();
  const forwarded = req.headers["x-forwarded-host"];
  const host = (typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined) || req.headers.host;
  const originHost = origin === "null" ? "null" : hostOf(origin);
  if (host && originHost === host) return next();
  res.status(403).type("text/plain").send("Cross-origin form submissions are refused.");
};

/** Last in the chain: 4xx from middleware (e.g. a malformed URL) and busy databases, never a stack. */
export function errorHandler(log: Logger, busyTimeoutMs: number): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const e = err as { status?: unknown; statusCode?: unknown; message?: string };
    const declared = Number(e?.status ?? e?.statusCode);
    if (isDatabaseBusy(err)) {
      log.warn({ url: req.url?.split("?")[0] }, "database busy");
      res.status(503).set("Retry-After", String(retryAfterSeconds(busyTimeoutMs))).type("text/plain").send("The database is busy. Try again in a moment.");
    } else if (declared >= 400 && declared < 500) {
      log.warn({ status: declared, message: e?.message, url: req.url?.split("?")[0] }, "request refused");
      res.status(declared).type("text/plain").send("Bad request.");
    } else {
      log.error({ err, url: req.url?.split("?")[0] }, "unhandled error");
      res.status(500).type("text/plain").send("Internal server error.");
    }
  };
}
