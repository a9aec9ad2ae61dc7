import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attempts, sessions, users } from "../../db/schema";
import { getDb } from "../../app/utils/db.server";
import { createUser } from "../../app/models/user.server";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as signup from "../../app/routes/signup";
import * as step from "../../app/routes/practice.$sessionId.q.$step";
import * as topic from "../../app/routes/topics.$slug";
import * as topics from "../../app/routes/topics._index";
import * as root from "../../app/root";
import { TestClient } from "../setup/remix";

let n = 0;
const uniqueEmail = () => `learner${++n}-${Date.now()}@example.com`;
const PASSWORD = "correct horse battery staple";

async function practiseOne(client: TestClient) {
  const start = await client.call(topic.action, "/topics/fixture-extra", { slug: "fixture-extra" }, { form: {} });
  const sessionId = start.location!.split("/").pop()!;
  const open = await client.call(step.loader, `/practice/${sessionId}/q/1`, { sessionId, step: "1" });
  const d = open.data as { idempotencyKey: string; question: { version: number } };
  await client.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, {
    form: [["intent", "answer"], ["idempotencyKey", d.idempotencyKey], ["step", "0"], ["version", String(d.question.version)], ["choice", "0"]],
  });
  return sessionId;
}

async function answeredCount(client: TestClient, slug: string) {
  const res = await client.call(topics.loader, "/topics");
  return (res.data as { topics: Array<{ slug: string; answered: number }> }).topics.find((t) => t.slug === slug)!.answered;
}

describe("sign up", () => {
  it("claims the guest's progress and rotates the session", async () => {
    const client = new TestClient();
    await practiseOne(client);
    const guestCookie = client.cookies.get("gw_session");
    expect(await answeredCount(client, "fixture-extra")).toBe(1);
    const email = uniqueEmail();
    const res = await client.call(signup.action, "/signup", {}, { form: { email, password: PASSWORD, redirectTo: "/topics" } });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/topics");
    expect(client.cookies.get("gw_session")).not.toBe(guestCookie);
    expect(await answeredCount(client, "fixture-extra")).toBe(1);
    const me = await client.call(root.loader, "/");
    expect((me.data as { user: { email: string; isGuest: boolean } }).user).toMatchObject({ email, isGuest: false });
    // The old guest cookie no longer opens a session.
    const stale = new TestClient();
    stale.cookies.set("gw_session", guestCookie!);
    expect((await stale.call(root.loader, "/")).data).toMatchObject({ user: null });
  });

  it("answers 400 with field messages for bad input and never echoes the password", async () => {
    const client = new TestClient();
    const res = await client.call(signup.action, "/signup", {}, { form: { email: "not-an-email", password: "short" } });
    expect(res.status).toBe(400);
    const d = res.data as { fieldErrors: Record<string, string[]> };
    expect(d.fieldErrors.email?.[0]).toMatch(/valid email/);
    expect(d.fieldErrors.password?.[0]).toMatch(/at least 12/);
    expect(JSON.stringify(res.data)).not.toContain("short");
  });

  it("refuses an email that is taken", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: PASSWORD });
    const res = await new TestClient().call(signup.action, "/signup", {}, { form: { email: email.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(400);
    expect((res.data as { fieldErrors: { email: string[] } }).fieldErrors.email[0]).toMatch(/already exists/);
  });

  it("only redirects to same-site paths", async () => {
    const res = await new TestClient().call(signup.action, "/signup", {}, { form: { email: uniqueEmail(), password: PASSWORD, redirectTo: "//evil.example" } });
    expect(res.location).toBe("/topics");
  });
});

describe("log in and out", () => {
  it("moves a guest's practice into the account without duplicates", async () => {
    const email = uniqueEmail();
    const account = await createUser({ email, password: PASSWORD });
    const client = new TestClient();
    await practiseOne(client);
    const guestId = getDb().select().from(attempts).all().at(-1)!.userId;
    const res = await client.call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    expect(res.status).toBe(302);
    expect(getDb().select().from(attempts).where(eq(attempts.userId, account.id)).all()).toHaveLength(1);
    expect(getDb().select().from(users).where(eq(users.id, guestId)).get()).toBeUndefined();
    expect(await answeredCount(client, "fixture-extra")).toBe(1);
  });

  it("says the same thing for an unknown email and a wrong password", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: PASSWORD });
    const wrong = await new TestClient("198.51.100.1").call(login.action, "/login", {}, { form: { email, password: "wrong password!!" } });
    const unknown = await new TestClient("198.51.100.1").call(login.action, "/login", {}, { form: { email: uniqueEmail(), password: "wrong password!!" } });
    expect(wrong.status).toBe(400);
    expect(unknown.data).toMatchObject({ fieldErrors: (wrong.data as { fieldErrors: unknown }).fieldErrors });
  });

  it("answers 429 with Retry-After after repeated failures, even with the right password", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: PASSWORD });
    const client = new TestClient("198.51.100.2");
    for (let i = 0; i < 5; i++) {
      const res = await client.call(login.action, "/login", {}, { form: { email, password: `wrong password ${i}` } });
      expect(res.status).toBe(400);
    }
    const blocked = await client.call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((blocked.data as { fieldErrors: { form: string[] } }).fieldErrors.form[0]).toMatch(/Try again in \d+ minutes/);
    // Another address is not blocked for the same account.
    const elsewhere = await new TestClient("198.51.100.3").call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    expect(elsewhere.status).toBe(302);
  });

  it("logs out by deleting the session row", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: PASSWORD });
    const client = new TestClient("198.51.100.4");
    await client.call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    const user = getDb().select().from(users).where(eq(users.email, email)).get()!;
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(1);
    const res = await client.call(logout.action, "/logout", {}, { form: {} });
    expect(res.status).toBe(302);
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
    expect((await client.call(root.loader, "/")).data).toMatchObject({ user: null });
  });
});
