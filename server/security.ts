/**
 * Express middleware for ADR 0016: security headers with a per-request CSP nonce on every response
 * (documents, static files, errors), and the Origin/Referer check on every mutating request.
 */
import type { NextFunction, Request, Response } from "express";
import { allowedOrigins, createCspNonce, csrfRefusal, securityHeaders } from "../app/utils/security.server";
import { getEnv } from "../app/utils/env.server";

/** Sets the headers before anything else runs; the nonce travels on to Remix in res.locals.cspNonce. */
export function securityHeadersMiddleware() {
  const production = getEnv().NODE_ENV === "production";
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = createCspNonce();
    res.locals.cspNonce = nonce;
    res.set(securityHeaders({ nonce, path: req.path, production }));
    next();
  };
}

/**
 * The request's own origin as the browser sees it: protocol (X-Forwarded-Proto only when the proxy
 * is trusted, TRUST_PROXY_HOPS) and the Host header (X-Forwarded-Host likewise).
 */
function ownOrigin(req: Request): string {
  const trusted = getEnv().TRUST_PROXY_HOPS > 0;
  const forwardedHost = trusted ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return `${req.protocol}://${forwardedHost || req.get("host") || "localhost"}`;
}

/** Refuses a cross-site POST/PUT/PATCH/DELETE with 403 before any route sees it. */
export function csrfMiddleware() {
  return (req: Request, res: Response, next: NextFunction) => {
    const origins = allowedOrigins(ownOrigin(req), getEnv().PUBLIC_URL);
    const reason = csrfRefusal({ method: req.method, header: (name) => req.get(name), allowedOrigins: origins });
    if (!reason) return next();
    req.log?.warn({ event: "csrf_refused", origin: req.get("origin") ?? null, hasReferer: Boolean(req.get("referer")) }, "cross-site request refused");
    res.status(403);
    if (req.accepts(["html", "json"]) === "json") res.json({ error: reason });
    else res.type("text/plain").send(`403 Forbidden\n\n${reason}\n`);
  };
}
