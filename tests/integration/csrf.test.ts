/** The Origin/Referer check over real HTTP (the express middleware), and through the test client. */
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import express from "express";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "../../db/schema";
import { createUser } from "../../app/models/user.server";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as root from "../../app/root";
import { getDb } from "../../app/utils/db.server";
import { resetSingleton } from "../../app/utils/singleton.server";
import { csrfMiddleware, securityHeadersMiddleware } from "../../server/security";
import { TestClient } from "../setup/remix";

let base = "";
let close: () => void = () => {};

beforeAll(async () => {
  const app = express();
  app.set("trust proxy", 1);
  app.use(securityHeadersMiddleware());
  app.use(csrfMiddleware());
  app.all("/form", (_req, res) => void res.status(200).send("handled"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());
afterEach(() => {
  delete process.env.TRUST_PROXY_HOPS;
  delete process.env.PUBLIC_URL;
  resetSingleton("env");
});

const post = (headers: Record<string, string>) => fetch(`${base}/form`, { method: "POST", headers, body: "a=1", redirect: "manual" });

describe("the CSRF middleware", () => {
  it("lets a same-origin form post through and refuses a cross-site one with a clear 403", async () => {
    const ok = await post({ Origin: base, Cookie: "gw_session=abc", "Content-Type": "application/x-www-form-urlencoded" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("handled");

    const evil = await post({ Origin: "https://evil.example", Cookie: "gw_session=abc", Accept: "text/html" });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toMatch(/came from another site \(https:\/\/evil\.example\), so it was refused/);
    // The refusal still carries the security headers.
    expect(evil.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);

    const json = await post({ Origin: "https://evil.example", Accept: "application/json" });
    expect(json.status).toBe(403);
    expect(await json.json()).toMatchObject({ error: expect.stringMatching(/another site/) });
  });

  it("uses Referer without Origin, refuses cookie-bearing posts with neither, and exempts cookie-less bearer requests", async () => {
    expect((await post({ Referer: `${base}/login`, Cookie: "gw_session=abc" })).status).toBe(200);
    expect((await post({ Referer: "https://evil.example/", Cookie: "gw_session=abc" })).status).toBe(403);
    const bare = await post({ Cookie: "gw_session=abc" });
    expect(bare.status).toBe(403);
    expect(await bare.text()).toMatch(/no Origin or Referer/);
    expect((await post({})).status).toBe(200);
    expect((await post({ Authorization: "Bearer tok_123", Origin: "https://evil.example" })).status).toBe(200);
    expect((await post({ Authorization: "Bearer tok_123", Origin: "https://evil.example", Cookie: "gw_session=abc" })).status).toBe(403);
  });

  it("knows its public origin behind a trusted proxy, or from PUBLIC_URL", async () => {
    const proxied = { Origin: "https://gw.example.com", Cookie: "gw_session=abc", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "gw.example.com" };
    // Untrusted forwarding headers are ignored: the origin is this server's own.
    expect((await post(proxied)).status).toBe(403);
    process.env.TRUST_PROXY_HOPS = "1";
    resetSingleton("env");
    expect((await post(proxied)).status).toBe(200);
    expect((await post({ ...proxied, Origin: "https://evil.example" })).status).toBe(403);

    delete process.env.TRUST_PROXY_HOPS;
    process.env.PUBLIC_URL = "https://gw.example.com";
    resetSingleton("env");
    expect((await post({ Origin: "https://gw.example.com", Cookie: "gw_session=abc" })).status).toBe(200);
  });
});

describe("a cross-site post against the app's actions", () => {
  it("cannot log a signed-in user out or log anyone in", async () => {
    const email = `csrf-${Date.now()}@example.com`;
    await createUser({ email, password: "correct horse battery staple" });
    const client = new TestClient("198.51.100.90");
    expect((await client.call(login.action, "/login", {}, { form: { email, password: "correct horse battery staple" } })).status).toBe(302);
    const user = getDb().select().from(users).where(eq(users.email, email)).get()!;

    const refused = await client.call(logout.action, "/logout", {}, { form: {}, origin: "https://evil.example" });
    expect(refused.status).toBe(403);
    expect(refused.data).toMatchObject({ error: expect.stringMatching(/another site/) });
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(1);
    expect((await client.call(root.loader, "/")).data).toMatchObject({ user: { email } });

    const forged = await new TestClient("198.51.100.91").call(login.action, "/login", {}, { form: { email, password: "correct horse battery staple" }, origin: "https://evil.example" });
    expect(forged.status).toBe(403);
  });
});
