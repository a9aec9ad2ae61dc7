/**
 * The HTTP side of the metrics: timing every request by route pattern, and serving GET /metrics —
 * on the main port behind a bearer token (METRICS_TOKEN), or on a separate internal port
 * (METRICS_PORT) that a Service or firewall keeps inside the cluster. With neither, /metrics is
 * not served at all (the app's 404).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Env } from "../app/utils/env.server";
import { getMetrics, recordHttpRequest, renderMetrics } from "../app/utils/metrics.server";
import { createRouteMatcher, routeLabel, UNMATCHED, type RouteMatcher } from "../app/utils/route-pattern.server";
import { setHttpRoute } from "../app/utils/tracing.server";

type Locals = { route?: string };

/**
 * Request timing by route pattern. `timing` goes first in the chain; `tagRoute` goes right before
 * the Remix handler, and `build` wraps the build (or the dev loader) so the matcher follows the
 * routes of the build being served.
 */
export function httpObservability(build: ServerBuild | (() => Promise<ServerBuild>)) {
  getMetrics(); // start the default collectors (event-loop lag is sampled from now on)
  let matcher: RouteMatcher | null = null;
  let routesSeen: ServerBuild["routes"] | null = null;
  const follow = (b: ServerBuild) => {
    if (b.routes !== routesSeen) {
      routesSeen = b.routes;
      matcher = createRouteMatcher(b.routes);
    }
    return b;
  };
  const tracked = typeof build === "function" ? async () => follow(await build()) : follow(build);

  const timing: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    let done = false;
    const record = (status: number) => {
      if (done) return;
      done = true;
      const locals = res.locals as Locals;
      const route = locals.route ?? routeLabel(matcher, req.path, false, status);
      recordHttpRequest(route, req.method, status, Number(process.hrtime.bigint() - started) / 1e9);
    };
    res.once("finish", () => record(res.statusCode));
    // The client went away before the response ended: 499, as nginx logs it.
    res.once("close", () => record(res.writableFinished ? res.statusCode : 499));
    next();
  };

  const tagRoute: RequestHandler = (req, res, next) => {
    const route = routeLabel(matcher, req.path, true, 200);
    (res.locals as Locals).route = route;
    if (route !== UNMATCHED) setHttpRoute(route);
    next();
  };

  return { timing, tagRoute, build: tracked };
}

function sha256(s: string): Buffer {
  return createHash("sha256").update(s).digest();
}

/** `Authorization: Bearer <token>` compared in constant time (hashing first hides the length too). */
export function hasMetricsToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return false;
  return timingSafeEqual(sha256(match[1]!), sha256(token));
}

async function writeMetrics(res: ServerResponse): Promise<void> {
  const { contentType, body } = await renderMetrics();
  res.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" });
  res.end(body);
}

function refuse(res: ServerResponse): void {
  res.writeHead(401, { "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" });
  res.end("Unauthorized\n");
}

/** GET /metrics on the main port: only with METRICS_TOKEN and no METRICS_PORT; otherwise falls through (404). */
export function metricsOnMainPort(env: Pick<Env, "METRICS_TOKEN" | "METRICS_PORT">): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = env.METRICS_TOKEN;
    if (!token || env.METRICS_PORT !== undefined) return next();
    if (!hasMetricsToken(req.headers.authorization, token)) return refuse(res);
    writeMetrics(res).catch(next);
  };
}

/**
 * The internal metrics listener (METRICS_PORT): GET /metrics and nothing else. No token is needed
 * there unless METRICS_TOKEN is also set, in which case it is checked here too.
 */
export function createMetricsServer(env: Pick<Env, "METRICS_TOKEN">): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?", 1)[0];
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Not found\n");
      return;
    }
    if (env.METRICS_TOKEN && !hasMetricsToken(req.headers.authorization, env.METRICS_TOKEN)) return refuse(res);
    writeMetrics(res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
}
