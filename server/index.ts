/**
 * The HTTP server: validates configuration, migrates the database, syncs content, then serves the
 * Remix app through express. SIGTERM/SIGINT drain in-flight requests and close the database.
 */
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import express from "express";
import { pinoHttp } from "pino-http";
import { ContentInvalidError, syncContent } from "../app/content/sync.server";
import { closeDb, getDb, migrateDatabase } from "../app/utils/db.server";
import { withDatabaseBusyAs503 } from "../app/utils/db-busy.server";
import { errorHandler, refuseCrossOriginSubmissions, refuseUnsupportedMethods } from "./guards";
import { getEnv } from "../app/utils/env.server";
import { markDraining } from "../app/utils/lifecycle.server";
import { closeSandboxPoolIfStarted } from "../app/drills/runner.server";
import { getLogger, redactUrl } from "../app/utils/logger.server";
import { purgeExpiredSessions } from "../app/utils/session.server";
import { startBackgroundJobs } from "../app/models/background.server";
import { shutdownTracing } from "../app/utils/tracing.server";
import { createMetricsServer, httpObservability, metricsOnMainPort } from "./metrics";
import { csrfMiddleware, securityHeadersMiddleware } from "./security";

const BUILD_PATH = path.resolve("build/index.js");
const MAX_BODY_BYTES = 1024 * 1024;

async function loadBuild(): Promise<ServerBuild> {
  // In development the build changes under us: a query string busts Node's module cache.
  const url = pathToFileURL(BUILD_PATH).href;
  const bust = getEnv().NODE_ENV === "development" ? `?t=${statSync(BUILD_PATH).mtimeMs}` : "";
  return (await import(url + bust)) as ServerBuild;
}

export async function prepare(): Promise<void> {
  const env = getEnv();
  const log = getLogger();
  migrateDatabase(getDb());
  const report = await syncContent(getDb(), path.resolve(env.CONTENT_DIR));
  log.info({ ...report, databasePath: env.DATABASE_PATH }, "content synced");
  if (env.TEST_CLOCK) log.warn("TEST_CLOCK is on: a cookie can move the review clock. Tests only.");
}

export function createApp(build: ServerBuild | (() => Promise<ServerBuild>)) {
  const env = getEnv();
  // SQLITE_BUSY from any loader or action answers 503 with Retry-After instead of 500.
  const busyAs503 = (b: ServerBuild) => withDatabaseBusyAs503(b, env.DATABASE_BUSY_TIMEOUT_MS);
  const served = typeof build === "function" ? async () => busyAs503(await build()) : busyAs503(build);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY_HOPS);
  const observe = httpObservability(served);
  app.use(observe.timing);

  app.use(
    pinoHttp({
      logger: getLogger(),
      genReqId(req, res) {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      // Health probes run every few seconds; logging them drowns everything else.
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" || req.url === "/metrics" },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.use(securityHeadersMiddleware());

  // Forms here are small; refuse a declared body over 1 MiB before anything buffers it.
  app.use((req, res, next) => {
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
      res.status(413).json({ error: "Request body too large (limit 1 MiB)." });
      return;
    }
    next();
  });

  app.get("/metrics", metricsOnMainPort(env));
  // The CSRF check (Origin/Referer on mutations); then the cases Remix itself would turn into a
  // 500 (TRACE, a mismatched Origin on a HEAD .data request) get a 4xx first.
  app.use(csrfMiddleware());
  app.use(refuseUnsupportedMethods);
  app.use(refuseCrossOriginSubmissions);

  // Fingerprinted build assets never change; everything else in public/ may.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Every file in public/ has an extension; pages do not, so they skip a stat() per request.
  const publicFiles = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (/\.[^/]+$/.test(req.path) ? publicFiles(req, res, next) : next()));

  app.all(
    "*",
    observe.tagRoute,
    createRequestHandler({
      build: observe.build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({
        requestId: String(req.id),
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: String(res.locals.cspNonce),
      }),
    }),
  );
  app.use(errorHandler(getLogger(), env.DATABASE_BUSY_TIMEOUT_MS));
  return app;
}

export function installShutdown(server: Server): void {
  const env = getEnv();
  const log = getLogger();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    markDraining();
    log.info({ signal }, "shutting down: draining in-flight requests");
    const force = setTimeout(() => {
      log.warn("drain timed out: closing remaining connections");
      server.closeAllConnections();
    }, env.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    server.close((err) => {
      void closeSandboxPoolIfStarted();
      closeDb();
      log.info("shutdown complete");
      void shutdownTracing().finally(() => process.exit(err ? 1 : 0));
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** Started by server/boot.ts once tracing (if configured) is running. */
export async function main() {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const log = getLogger();
  try {
    await prepare();
  } catch (error) {
    if (error instanceof ContentInvalidError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const dev = env.NODE_ENV === "development";
  const build = await loadBuild();
  const app = createApp(dev ? loadBuild : build);
  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    log.info({ port, host: env.HOST, mode: env.NODE_ENV }, `Groundwork listening on http://localhost:${port}`);
    if (dev) void broadcastDevReady(build);
  });
  // Keep-alive must outlive a load balancer's idle timeout, or it will reuse sockets we closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  installShutdown(server);
  if (env.METRICS_PORT !== undefined) {
    const port = env.METRICS_PORT;
    createMetricsServer(env)
      .listen(port, env.HOST, () => log.info({ port, host: env.HOST }, "metrics on the internal port"))
      .on("error", (err) => {
        log.fatal({ err, port }, "cannot listen on METRICS_PORT");
        process.exit(1);
      });
  }
  startBackgroundJobs();
  setInterval(() => void purgeExpiredSessions().catch((err: unknown) => log.error({ err }, "session purge failed")), 3600_000).unref();
}

