/**
 * Logs never carry secrets: passwords, tokens, cookies and invite links are redacted, both in what
 * the code logs and in the request lines the HTTP server writes.
 */
import { createServer } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "../../app/utils/logger.server";
import { resetSingleton } from "../../app/utils/singleton.server";
import { createApp } from "../../server/index";
import { listen, stubBuild } from "../setup/http";

/** A logger with the app's options whose output lines are kept in `lines`. */
function capture() {
  const lines: string[] = [];
  const logger = createLogger({ write: (s: string) => void lines.push(s) }, "info");
  return { logger, lines, text: () => lines.join("") };
}

afterEach(() => resetSingleton("logger"));

describe("redaction", () => {
  it("removes passwords, tokens, cookies and credentials wherever the code logs them", () => {
    const { logger, text, lines } = capture();
    logger.info(
      {
        password: "pw-top-1",
        user: { email: "a@example.com", password: "pw-nested-2", passwordHash: "scrypt$hash-3" },
        body: { newPassword: "pw-new-4", currentPassword: "pw-old-5" },
        token: "tok-top-6",
        invite: { token: "tok-invite-7", inviteToken: "tok-invite-8" },
        resetToken: "tok-reset-9",
        api: { apiToken: "tok-api-10", apiKey: "key-api-11" },
        req: { headers: { authorization: "Bearer tok-header-12", cookie: "gw_session=cookie-13", "x-api-key": "key-header-14" } },
        res: { headers: { "set-cookie": ["gw_session=cookie-15; HttpOnly"] } },
        upstream: { headers: { Authorization: "Bearer tok-header-16", Cookie: "cookie-17", "Set-Cookie": "cookie-18" } },
        secret: "secret-19",
      },
      "something happened",
    );
    const out = text();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "something happened", user: { email: "a@example.com", password: "[redacted]" } });
    for (const secret of ["pw-top-1", "pw-nested-2", "hash-3", "pw-new-4", "pw-old-5", "tok-top-6", "tok-invite-7", "tok-invite-8", "tok-reset-9", "tok-api-10", "key-api-11", "tok-header-12", "cookie-13", "key-header-14", "cookie-15", "tok-header-16", "cookie-17", "cookie-18", "secret-19"]) {
      expect(out).not.toContain(secret);
    }
    expect(out.match(/\[redacted\]/g)).toHaveLength(19);
  });

  it("finds secrets at any depth, in any letter case, and inside errors without losing the error", () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error("upstream refused"), { code: "E401", config: { headers: { AUTHORIZATION: "Bearer deep-SECRET-1" } } });
    logger.error({ err, a: { b: { c: { d: { e: { clientSecret: "deep-SECRET-2", list: [{ resetToken: "deep-SECRET-3" }] } } } } } }, "call failed");
    const line = JSON.parse(lines[0]!);
    expect(lines[0]).not.toContain("deep-SECRET");
    expect(line.err).toMatchObject({ type: "Error", message: "upstream refused", code: "E401", config: { headers: { AUTHORIZATION: "[redacted]" } } });
    expect(line.err.stack).toContain("upstream refused");
    expect(line.a.b.c.d.e).toEqual({ clientSecret: "[redacted]", list: [{ resetToken: "[redacted]" }] });
    expect(err.config.headers.AUTHORIZATION).toBe("Bearer deep-SECRET-1"); // the caller's object is left alone
  });

  it("redacts the bindings of child loggers too", () => {
    const { logger, text } = capture();
    logger.child({ requestId: "r-1", session: { cookie: "child-SECRET" } }).info("hello");
    expect(text()).toContain('"requestId":"r-1"');
    expect(text()).not.toContain("child-SECRET");
  });

  it("logs URLs without query strings and with invite tokens hashed", () => {
    expect(redactUrl("/topics/caching?utm=x")).toBe("/topics/caching");
    expect(redactUrl("/c/inv-abc123/q/2?token=zzz")).toMatch(/^\/c\/\[sha256:[0-9a-f]{8}\]\/q\/2$/);
    expect(redactUrl("/join/inv-def456")).toMatch(/^\/join\/\[sha256:[0-9a-f]{8}\]$/);
    // The same invite hashes the same way, so its requests can be followed without the token.
    expect(redactUrl("/c/inv-abc123/q/3").startsWith(redactUrl("/c/inv-abc123"))).toBe(true);
    expect(redactUrl("/c/inv-abc123")).not.toBe(redactUrl("/c/inv-other"));
    expect(redactUrl("/reset-password/rst-789")).toMatch(/^\/reset-password\/\[sha256:[0-9a-f]{8}\]$/);
    // Only at the root: an interviewer's /org/prescreens/<id>/c/<candidate id> is not a secret.
    expect(redactUrl("/org/prescreens/p1/c/cand-1")).toBe("/org/prescreens/p1/c/cand-1");
    expect(redactUrl(undefined)).toBe("");
  });

  it("keeps cookies, credentials, query strings and invite tokens out of the server's request lines", async () => {
    const { logger, text } = capture();
    resetSingleton("logger");
    const store = globalThis as unknown as Record<symbol, unknown>;
    store[Symbol.for("groundwork.logger")] = logger;
    const server = await listen(createServer(createApp(stubBuild())));
    try {
      const res = await fetch(`${server.url}/c/inv-SECRET-20/q/1?token=query-SECRET-21&email=a@example.com`, {
        headers: { Cookie: "gw_session=cookie-SECRET-22", Authorization: "Bearer header-SECRET-23", "X-Request-Id": "redaction-test" },
      });
      expect(res.status).toBeLessThan(500);
      await fetch(`${server.url}/join/inv-SECRET-24`, { method: "POST", body: new URLSearchParams({ password: "form-SECRET-25" }) });
    } finally {
      await server.close();
    }
    const out = text();
    const line = out.split("\n").find((l) => l.includes("redaction-test"));
    expect(line).toBeDefined();
    expect(JSON.parse(line!).req.url).toMatch(/^\/c\/\[sha256:[0-9a-f]{8}\]\/q\/1$/);
    expect(out).toMatch(/"url":"\/join\/\[sha256:[0-9a-f]{8}\]"/);
    expect(out).not.toMatch(/SECRET|a@example\.com/);
  });
});
