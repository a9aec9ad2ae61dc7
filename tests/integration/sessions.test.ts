/** Session rotation, "log out everywhere else", role changes and the password policy, in the app and the CLIs. */
import { spawnSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions, users } from "../../db/schema";
import { changeUserRole, createUser, verifyLogin } from "../../app/models/user.server";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as signup from "../../app/routes/signup";
import * as topic from "../../app/routes/topics.$slug";
import * as root from "../../app/root";
import { getDb } from "../../app/utils/db.server";
import { TestClient } from "../setup/remix";

const PASSWORD = "correct horse battery staple";
let n = 0;
const uniqueEmail = () => `sessions${++n}-${Date.now()}@example.com`;
let ipSeq = 0;
const freshIp = () => `198.51.100.${200 + ++ipSeq}`;

const whoAmI = async (client: TestClient) => (await client.call(root.loader, "/")).data as { user: { email: string; role: string; isGuest: boolean } | null };
const sessionCount = (userId: string) => getDb().select().from(sessions).where(eq(sessions.userId, userId)).all().length;

async function loggedIn(email: string) {
  const client = new TestClient(freshIp());
  const res = await client.call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
  expect(res.status).toBe(302);
  return client;
}

describe("log-in rotates the session", () => {
  it("ends the guest session the browser had, issues a new token and keeps the guest's practice", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: PASSWORD });
    const client = new TestClient(freshIp());
    await client.call(topic.action, "/topics/fixture-extra", { slug: "fixture-extra" }, { form: {} });
    const guestCookie = client.cookies.get("gw_session")!;
    expect((await whoAmI(client)).user).toMatchObject({ isGuest: true });
    await client.call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    expect(client.cookies.get("gw_session")).not.toBe(guestCookie);
    expect((await whoAmI(client)).user).toMatchObject({ email, isGuest: false });
    const stale = new TestClient();
    stale.cookies.set("gw_session", guestCookie);
    expect((await whoAmI(stale)).user).toBeNull();
  });
});

describe("log out everywhere else", () => {
  it("ends every other session of the account and gives this browser a fresh one", async () => {
    const email = uniqueEmail();
    const account = await createUser({ email, password: PASSWORD });
    const laptop = await loggedIn(email);
    const phone = await loggedIn(email);
    const other = await createUser({ email: uniqueEmail(), password: PASSWORD });
    await loggedIn(other.email!);
    expect(sessionCount(account.id)).toBe(2);
    const oldCookie = laptop.cookies.get("gw_session")!;

    const res = await laptop.call(logout.action, "/logout", {}, { form: { intent: "everywhere-else" } });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/me?sessions=ended");
    expect((await whoAmI(laptop)).user).toMatchObject({ email });
    expect(laptop.cookies.get("gw_session")).not.toBe(oldCookie);
    expect((await whoAmI(phone)).user).toBeNull();
    expect(sessionCount(account.id)).toBe(1);
    // Nobody else's sessions are touched.
    expect(sessionCount(other.id)).toBe(1);
  });

  it("refuses an unknown intent with 400, and a plain log-out still ends only this session", async () => {
    const email = uniqueEmail();
    const account = await createUser({ email, password: PASSWORD });
    const laptop = await loggedIn(email);
    await loggedIn(email);
    expect((await laptop.call(logout.action, "/logout", {}, { form: { intent: "everyone" } })).status).toBe(400);
    expect((await laptop.call(logout.action, "/logout", {}, { form: {} })).location).toBe("/");
    expect(sessionCount(account.id)).toBe(1);
  });
});

describe("a role change", () => {
  it("ends every session of that user", async () => {
    const email = uniqueEmail();
    const account = await createUser({ email, password: PASSWORD });
    const a = await loggedIn(email);
    await loggedIn(email);
    const changed = await changeUserRole({ userId: account.id, role: "interviewer" });
    expect(changed).toMatchObject({ email, role: "interviewer" });
    expect(sessionCount(account.id)).toBe(0);
    expect((await whoAmI(a)).user).toBeNull();
    expect((await whoAmI(await loggedIn(email))).user).toMatchObject({ role: "interviewer" });
    expect(await changeUserRole({ userId: "no-such-user", role: "admin" })).toBeNull();
  });
});

describe("the password policy", () => {
  const attempt = (password: string) => new TestClient(freshIp()).call(signup.action, "/signup", {}, { form: { email: uniqueEmail(), password } });
  const passwordError = (data: unknown) => (data as { fieldErrors: { password?: string[] } }).fieldErrors.password?.[0];

  it("needs 12 to 256 characters, counted as a person counts them", async () => {
    expect(passwordError((await attempt("elevenchars")).data)).toBe("Use at least 12 characters");
    expect((await attempt("twelve chars")).status).toBe(302);
    // Twelve emoji are 24 UTF-16 units but twelve characters; eleven are too few.
    expect((await attempt("🔑".repeat(12))).status).toBe(302);
    expect(passwordError((await attempt("🔑".repeat(11))).data)).toBe("Use at least 12 characters");
    expect((await attempt("x".repeat(256))).status).toBe(302);
    expect(passwordError((await attempt("x".repeat(257))).data)).toBe("Use at most 256 characters");
  });
});

// Each CLI run starts tsx in a child process: give a loaded machine room.
describe("the password CLIs", { timeout: 90_000 }, () => {
  const run = (script: string, args: string[], input: string) =>
    spawnSync(process.execPath, ["--import", "tsx", script, ...args], { input, encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" } });

  it("user:create applies the policy", () => {
    const short = run("scripts/user-create.ts", ["--email", uniqueEmail()], "short\n");
    expect(short.status).toBe(2);
    expect(short.stderr).toContain("password: Use at least 12 characters");
    const email = uniqueEmail();
    const ok = run("scripts/user-create.ts", ["--email", email, "--role", "admin"], `${PASSWORD}\n`);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ email, role: "admin" });
  });

  it("user:reset-password sets a new password and ends every session", async () => {
    const email = uniqueEmail();
    const account = await createUser({ email, password: PASSWORD });
    const client = await loggedIn(email);
    expect(run("scripts/user-reset-password.ts", ["--email", email], "too short\n").status).toBe(2);
    const done = run("scripts/user-reset-password.ts", ["--email", email], "the new admin-set passphrase\n");
    expect(done.status, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ email, sessionsEnded: true });
    expect(sessionCount(account.id)).toBe(0);
    expect((await whoAmI(client)).user).toBeNull();
    expect(await verifyLogin(email, "the new admin-set passphrase")).toMatchObject({ id: account.id });
    const missing = run("scripts/user-reset-password.ts", ["--email", uniqueEmail()], "the new admin-set passphrase\n");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no account with the email/);
    expect(getDb().select().from(users).where(eq(users.id, account.id)).get()?.role).toBe("learner");
  });
});
