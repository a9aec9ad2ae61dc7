/**
 * Rate limits as a learner and an operator see them: the locked-out account, the throttled address,
 * the sign-up ceiling, the generic `limit` helper, and what each store keeps across a restart.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createUser } from "../../app/models/user.server";
import * as forgot from "../../app/routes/forgot-password";
import * as login from "../../app/routes/login";
import * as signup from "../../app/routes/signup";
import * as topics from "../../app/routes/topics._index";
import { getDb } from "../../app/utils/db.server";
import { setMailTransportForTests } from "../../app/utils/mailer.server";
import { blockedFor, consumeLimit, enforceLimit, limit, rateLimits, recordFailure } from "../../app/utils/rate-limit.server";
import { resetSingleton } from "../../app/utils/singleton.server";
import { TestClient } from "../setup/remix";

const PASSWORD = "correct horse battery staple";
let n = 0;
const uniqueEmail = () => `limits${++n}-${Date.now()}@example.com`;
let ipSeq = 0;
const freshIp = () => `192.0.2.${++ipSeq}`;

const formError = (data: unknown) => (data as { fieldErrors: { form: string[] } }).fieldErrors.form[0];

afterEach(() => {
  vi.useRealTimers();
  delete process.env.RATE_LIMIT_STORE;
  resetSingleton("env");
  resetSingleton("rate-limiters");
  setMailTransportForTests(null);
});

/** A new process on the same database: every limiter object is built again. */
function restart() {
  resetSingleton("rate-limiters");
}

describe("a locked-out account", () => {
  it("refuses log-in from every address, even with the right password, until the window passes", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: PASSWORD });
    const { points, duration } = rateLimits()["account-lock"];
    expect(points).toBe(20);
    // Four failures from each of five addresses: under the per-address limit (5), at the account's (20).
    for (let i = 0; i < points; i++) {
      const client = new TestClient(`198.18.0.${Math.floor(i / 4) + 1}`);
      const res = await client.call(login.action, "/login", {}, { form: { email, password: `wrong password ${i}` } });
      expect(res.status).toBe(400);
    }
    const fresh = new TestClient(freshIp());
    const locked = await fresh.call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(duration - 60);
    expect(retryAfter).toBeLessThanOrEqual(duration);
    expect(formError(locked.data)).toMatch(/^This account is locked after too many failed log-ins; resetting your password unlocks it\. Try again in \d+ minutes\.$/);
    expect(fresh.cookies.has("gw_session")).toBe(false);

    // An unknown address is "locked" the same way, so the lock does not reveal which accounts exist.
    const ghost = uniqueEmail();
    for (let i = 0; i < points; i++) await recordFailure("account-lock", ghost);
    expect((await new TestClient(freshIp()).call(login.action, "/login", {}, { form: { email: ghost, password: PASSWORD } })).status).toBe(429);

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + duration * 1000 + 1000 });
    const later = await new TestClient(freshIp()).call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    expect(later.status).toBe(302);
  });

  it("locks one address out of one account after LOGIN_MAX_FAILURES, and a success clears that count", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: PASSWORD });
    const client = new TestClient(freshIp());
    for (let i = 0; i < 4; i++) await client.call(login.action, "/login", {}, { form: { email, password: "wrong password!" } });
    expect((await client.call(login.action, "/login", {}, { form: { email, password: PASSWORD } })).status).toBe(302);
    // The count restarted: five more failures are allowed before the lock.
    const other = new TestClient(client.ip);
    for (let i = 0; i < 5; i++) expect((await other.call(login.action, "/login", {}, { form: { email, password: "wrong password!" } })).status).toBe(400);
    const blocked = await other.call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(formError(blocked.data)).toMatch(/^Too many failed log-ins for this account from your network\. Try again in 15 minutes\.$/);
  });
});

describe("a throttled address", () => {
  it("gets 429 on every auth form for the rest of the minute, while other addresses and other pages are unaffected", async () => {
    setMailTransportForTests(async () => ({ sent: true, messageId: "test" }));
    const ip = freshIp();
    const client = new TestClient(ip);
    const { points } = rateLimits()["auth-ip"];
    for (let i = 0; i < points; i++) {
      const res = await client.call(login.action, "/login", {}, { form: { email: `nobody${i}@example.com`, password: "not the password" } });
      expect(res.status).toBe(400);
    }
    for (const [route, path, form] of [
      [login.action, "/login", { email: "a@example.com", password: PASSWORD }],
      [signup.action, "/signup", { email: uniqueEmail(), password: PASSWORD }],
      [forgot.action, "/forgot-password", { email: "a@example.com" }],
    ] as const) {
      const res = await client.call(route, path, {}, { form });
      expect(res.status, path).toBe(429);
      const seconds = Number(res.headers.get("Retry-After"));
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(60);
      expect(formError(res.data)).toMatch(/^Too many attempts from your network\. Try again in \d+ seconds\.$/);
    }
    expect((await client.call(topics.loader, "/topics")).status).toBe(200);
    expect((await new TestClient(freshIp()).call(login.action, "/login", {}, { form: { email: "a@example.com", password: "not the password" } })).status).toBe(400);
  });

  it("may create only so many accounts an hour", async () => {
    const ip = freshIp();
    const { points } = rateLimits()["signup-ip"];
    for (let i = 0; i < points; i++) {
      expect((await new TestClient(ip).call(signup.action, "/signup", {}, { form: { email: uniqueEmail(), password: PASSWORD } })).status).toBe(302);
    }
    const refused = await new TestClient(ip).call(signup.action, "/signup", {}, { form: { email: uniqueEmail(), password: PASSWORD } });
    expect(refused.status).toBe(429);
    expect(formError(refused.data)).toMatch(/^Too many sign-ups from your network\. Try again in \d+ minutes\.$/);
  });
});

describe("the generic limit helper", () => {
  it("returns null within the budget, then a 429 JSON response with Retry-After; enforceLimit throws it", async () => {
    const key = `invite-${Date.now()}`;
    const { points } = rateLimits()["invite-redeem"];
    for (let i = 0; i < points; i++) expect(await limit("invite-redeem", key)).toBeNull();
    const res = (await limit("invite-redeem", key))!;
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: expect.stringMatching(/^Too many invite links opened from your network\. Try again in \d+ seconds\.$/), retryAfter: expect.any(Number) });
    await expect(enforceLimit("invite-redeem", key)).rejects.toBeInstanceOf(Response);
    expect(await limit("invite-redeem", `${key}-other`)).toBeNull();
  });
});

describe("the stores", () => {
  it("sqlite keeps counts across a restart and stores no email or address in clear", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 5; i++) await recordFailure("login-failures", `${email}|203.0.113.50`);
    expect(await blockedFor("login-failures", `${email}|203.0.113.50`)).toBeGreaterThan(0);
    restart();
    expect(await blockedFor("login-failures", `${email}|203.0.113.50`)).toBeGreaterThan(0);
    const rows = getDb().$client.prepare("select key from rate_limits").all() as Array<{ key: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.key).join(" ")).not.toMatch(/@|203\.0\.113/);
  });

  it("memory forgets every count on restart and writes nothing to the database", async () => {
    process.env.RATE_LIMIT_STORE = "memory";
    resetSingleton("env");
    const key = `mem-${Date.now()}`;
    const before = (getDb().$client.prepare("select count(*) as n from rate_limits").get() as { n: number }).n;
    for (let i = 0; i < rateLimits()["drill-runs"].points; i++) expect(await consumeLimit("drill-runs", key)).toBe(0);
    expect(await consumeLimit("drill-runs", key)).toBeGreaterThan(0);
    expect((getDb().$client.prepare("select count(*) as n from rate_limits").get() as { n: number }).n).toBe(before);
    restart();
    expect(await consumeLimit("drill-runs", key)).toBe(0);
  });
});
