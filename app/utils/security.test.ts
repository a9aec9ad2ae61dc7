import { describe, expect, it } from "vitest";
import { allowedOrigins, contentSecurityPolicy, csrfRefusal, securityHeaders } from "./security.server";

const SITE = "https://gw.example.com";

function check(method: string, headers: Record<string, string>, origins = [SITE]) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return csrfRefusal({ method, header: (name) => lower[name.toLowerCase()], allowedOrigins: origins });
}

describe("the cross-site request check", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(check(method, { Origin: "https://evil.example", Cookie: "gw_session=x" })).toBeNull();
  });

  it("accepts a mutating request from our own origin or PUBLIC_URL's", () => {
    expect(check("POST", { Origin: SITE, Cookie: "gw_session=x" })).toBeNull();
    expect(check("DELETE", { Origin: "https://public.example" }, allowedOrigins(SITE, "https://public.example/app"))).toBeNull();
  });

  it("refuses another origin, another scheme or port, and the opaque origin, naming the reason", () => {
    for (const origin of ["https://evil.example", "http://gw.example.com", "https://gw.example.com:8443", "null"]) {
      const reason = check("POST", { Origin: origin, Cookie: "gw_session=x" });
      expect(reason, origin).toMatch(/came from another site/);
    }
    expect(check("PUT", { Origin: "https://evil.example" })).toMatch(/another site \(https:\/\/evil\.example\)/);
  });

  it("falls back to Referer when Origin is absent", () => {
    expect(check("POST", { Referer: `${SITE}/login?x=1`, Cookie: "gw_session=x" })).toBeNull();
    expect(check("POST", { Referer: "https://evil.example/page", Cookie: "gw_session=x" })).toMatch(/by its Referer/);
    expect(check("POST", { Referer: "not a url", Cookie: "gw_session=x" })).toMatch(/by its Referer/);
  });

  it("refuses a request with cookies but neither header; one without cookies acts for nobody and passes", () => {
    expect(check("POST", { Cookie: "gw_session=x" })).toMatch(/no Origin or Referer/);
    expect(check("PATCH", {})).toBeNull();
  });

  it("exempts bearer-token requests only when they carry no cookie", () => {
    expect(check("POST", { Authorization: "Bearer abc123", Origin: "https://evil.example" })).toBeNull();
    expect(check("POST", { Authorization: "Bearer abc123", Cookie: "gw_session=x" })).toMatch(/no Origin or Referer/);
    expect(check("POST", { Authorization: "Basic abc", Cookie: "gw_session=x", Origin: "https://evil.example" })).toMatch(/another site/);
  });
});

describe("security headers", () => {
  it("allow scripts only from our origin or with this response's nonce, and never eval", () => {
    const csp = contentSecurityPolicy("abc123==");
    const directives = Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));
    expect(directives["script-src"]).toBe("'self' 'nonce-abc123=='");
    expect(directives["worker-src"]).toBe("'self'");
    expect(directives["frame-ancestors"]).toBe("'none'");
    expect(directives["object-src"]).toBe("'none'");
    expect(directives["default-src"]).toBe("'self'");
    expect(directives["base-uri"]).toBe("'self'");
    expect(directives["form-action"]).toBe("'self'");
    expect(csp).not.toMatch(/unsafe-eval|blob:/);
  });

  it("send HSTS only in production and no referrer from pages with a secret in their URL", () => {
    const dev = securityHeaders({ nonce: "n", path: "/topics", production: false });
    expect(dev["Strict-Transport-Security"]).toBeUndefined();
    expect(dev["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(dev).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Cross-Origin-Opener-Policy": "same-origin" });
    const prod = securityHeaders({ nonce: "n", path: "/reset-password/abc", production: true });
    expect(prod["Strict-Transport-Security"]).toMatch(/^max-age=31536000/);
    expect(prod["Referrer-Policy"]).toBe("no-referrer");
  });

  it("keep candidate and invite links out of the Referer", () => {
    for (const path of ["/c/abc/q/1", "/join/abc", "/reset-password/abc"]) expect(securityHeaders({ nonce: "n", path, production: false })["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders({ nonce: "n", path: "/topics", production: false })["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });
});
