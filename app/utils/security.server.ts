/**
 * Response security headers (with a per-request CSP nonce) and the cross-site request check. Pure
 * functions: the express middleware in server/security.ts applies them to every request, and the
 * integration tests' client applies the same check (ADR 0016).
 */
import { randomBytes } from "node:crypto";

/** A fresh nonce for one response: 128 random bits, base64. */
export function createCspNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of every response.
 * - Scripts: our origin (Remix's bundles, Monaco's AMD modules under /monaco) and inline scripts that
 *   carry this response's nonce (Remix's hydration data, scroll restoration). No eval.
 * - Workers: our origin only. Monaco's own worker factory uses blob: URLs; code-editor.tsx replaces it
 *   with same-origin bootstrap files (scripts/copy-monaco.mjs), so blob: is not needed.
 * - Fonts: data: too, for Monaco's icon font, which its CSS inlines.
 * - Styles: 'unsafe-inline' is the minimum Monaco works with (it appends <style> elements without a
 *   nonce and sets style attributes) and server-rendered progress bars use style attributes.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Paths whose URL carries a secret (a password-reset token, a pre-screen invite). They are sent with
 * `Referrer-Policy: no-referrer`, and logs show them redacted. Routes added later with secrets in
 * their path belong here.
 */
export const SECRET_PATHS: readonly RegExp[] = [/^\/reset-password\/[^/?#]+/, /^\/c\/[^/?#]+/, /^\/join\/[^/?#]+/];

/** Features the app never uses, switched off for it and anything it might embed. */
export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/** Every header a response gets, whatever produced it (Remix, a static file, an error). */
export function securityHeaders(options: { nonce: string; path: string; production: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options.nonce),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": SECRET_PATHS.some((p) => p.test(options.path)) ? "no-referrer" : "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
  };
  // Browsers ignore HSTS over plain HTTP; in production it pins the site to HTTPS for a year.
  if (options.production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

export type CsrfInput = {
  method: string;
  /** Header lookup, case-insensitive (Fetch Headers#get or express req.get). */
  header: (name: string) => string | null | undefined;
  /** Origins this server answers as: its own (Host + protocol) and PUBLIC_URL's, if set. */
  allowedOrigins: readonly string[];
};

/**
 * The cross-site request check for a mutating request (ADR 0016). Returns why the request is refused,
 * or null to let it through.
 * - Safe methods pass.
 * - `Authorization: Bearer` without any cookie passes: the credential is not ambient, so another site
 *   cannot make a browser send it (the /api/v1 JSON API).
 * - Otherwise Origin must be one of ours; without Origin, Referer's origin must be.
 * - Without either, a request carrying cookies is refused (a browser always sends Origin on a
 *   cross-site POST, so only a non-browser client or a privacy tool strips both); one without cookies
 *   acts for nobody and passes (curl, health checks, the first log-in of a script).
 */
export function csrfRefusal({ method, header, allowedOrigins }: CsrfInput): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const cookie = header("cookie")?.trim();
  if (!cookie && /^Bearer\s+\S/i.test(header("authorization") ?? "")) return null;
  const origin = header("origin");
  if (origin) {
    if (allowedOrigins.includes(originOf(origin) ?? "")) return null;
    return `This request came from another site (${origin === "null" ? "an opaque origin" : origin}), so it was refused. Submit the form from this site's own pages.`;
  }
  const referer = header("referer");
  if (referer) {
    if (allowedOrigins.includes(originOf(referer) ?? "")) return null;
    return "This request came from another site (by its Referer), so it was refused. Submit the form from this site's own pages.";
  }
  if (cookie) return "This request has no Origin or Referer header, so it cannot be told apart from a cross-site request and was refused. Submit the form from this site's own pages, and let your browser send the Origin header.";
  return null;
}

/** The origins a request may come from: its own, and PUBLIC_URL's (for proxies that rewrite Host). */
export function allowedOrigins(ownOrigin: string, publicUrl: string | undefined): string[] {
  const list = [ownOrigin];
  const configured = publicUrl ? originOf(publicUrl) : null;
  if (configured && configured !== ownOrigin) list.push(configured);
  return list;
}
