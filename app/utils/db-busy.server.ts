/**
 * A busy database is an honest 503, not a 500. SQLite waits `busy_timeout` for another connection's
 * write lock (a backup tool, Litestream's checkpoint, an operator's shell); when the wait runs out
 * better-sqlite3 throws SQLITE_BUSY. Every loader and action of the build is wrapped so that error
 * becomes `503 Service Unavailable` with `Retry-After`, whatever route it came from, including
 * routes added later.
 */
import type { ServerBuild } from "@remix-run/node";

type RouteModule = ServerBuild["routes"][string]["module"];
type Handler = NonNullable<RouteModule["loader"]>;
type HeadersArgs = { loaderHeaders: Headers; parentHeaders: Headers; actionHeaders: Headers; errorHeaders: Headers | undefined };

export const BUSY_MESSAGE = "The database is busy. Nothing was saved; try again in a moment.";

/** SQLITE_BUSY and its extended codes (…_SNAPSHOT, …_RECOVERY, …_TIMEOUT), and SQLITE_LOCKED. */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
  }
  return false;
}

/** Retry after the lock holder has had another busy_timeout to finish; at least one second. */
export function retryAfterSeconds(busyTimeoutMs: number): number {
  return Math.max(1, Math.ceil(busyTimeoutMs / 1000));
}

export function databaseBusyResponse(busyTimeoutMs: number): Response {
  return new Response(JSON.stringify({ fieldErrors: { form: [BUSY_MESSAGE] } }), {
    status: 503,
    headers: { "Content-Type": "application/json", "Retry-After": String(retryAfterSeconds(busyTimeoutMs)), "Cache-Control": "no-store" },
  });
}

/** Runs a loader or action; SQLITE_BUSY becomes a thrown 503 Response. Everything else passes through. */
export function withBusyAs503(handler: Handler, busyTimeoutMs: number): Handler {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (isDatabaseBusy(error)) throw databaseBusyResponse(busyTimeoutMs);
      throw error;
    }
  };
}

/**
 * Remix passes a thrown Response's headers to a route's `headers` export only (cookies excepted),
 * so each route also gets one that keeps `Retry-After` from an error, after its own logic.
 */
function keepRetryAfter(original: RouteModule["headers"]) {
  return (args: HeadersArgs): Headers => {
    const own = typeof original === "function" ? original(args as Parameters<typeof original>[0]) : original;
    const headers = new Headers(original === undefined ? args.parentHeaders : own);
    const retry = args.errorHeaders?.get("Retry-After");
    if (retry && !headers.has("Retry-After")) headers.set("Retry-After", retry);
    return headers;
  };
}

/** The same build with every route's loader and action wrapped by `withBusyAs503`. */
export function withDatabaseBusyAs503(build: ServerBuild, busyTimeoutMs: number): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const m = route.module;
    const module: RouteModule = {
      ...m,
      headers: keepRetryAfter(m.headers),
      ...(m.loader ? { loader: withBusyAs503(m.loader, busyTimeoutMs) } : {}),
      ...(m.action ? { action: withBusyAs503(m.action, busyTimeoutMs) } : {}),
    };
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
