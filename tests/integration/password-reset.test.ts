/** Forgot password → mail → reset link → new password, and every way that path must refuse. */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { passwordResets, sessions, users } from "../../db/schema";
import { createUser } from "../../app/models/user.server";
import * as forgot from "../../app/routes/forgot-password";
import * as login from "../../app/routes/login";
import * as reset from "../../app/routes/reset-password.$token";
import * as root from "../../app/root";
import { getDb } from "../../app/utils/db.server";
import { setMailTransportForTests, type Mail } from "../../app/utils/mailer.server";
import { blockedFor, recordFailure, rateLimits } from "../../app/utils/rate-limit.server";
import { TestClient } from "../setup/remix";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a brand new passphrase";
let n = 0;
const uniqueEmail = () => `reset${++n}-${Date.now()}@example.com`;
let ipSeq = 0;
const freshIp = () => `198.51.100.${100 + ++ipSeq}`;

let outbox: Mail[] = [];
beforeEach(() => {
  outbox = [];
  setMailTransportForTests(async (mail) => {
    outbox.push(mail);
    return { sent: true, messageId: `m${outbox.length}` };
  });
});
afterEach(() => {
  setMailTransportForTests(null);
  vi.useRealTimers();
});

async function requestLink(email: string, ip = freshIp()) {
  return new TestClient(ip).call(forgot.action, "/forgot-password", {}, { form: { email } });
}

function tokenFrom(mail: Mail): string {
  const m = /http:\/\/localhost\/reset-password\/([A-Za-z0-9_-]{43})\n/.exec(mail.text);
  if (!m) throw new Error(`no reset link in:\n${mail.text}`);
  return m[1]!;
}

const setPassword = (client: TestClient, token: string, password: string, confirm = password) =>
  client.call(reset.action, `/reset-password/${token}`, { token }, { form: { password, confirm } });

const formError = (data: unknown) => (data as { fieldErrors: { form: string[] } }).fieldErrors.form[0];

describe("asking for a reset link", () => {
  it("mails a single link to an account and answers an unknown address exactly the same", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: PASSWORD });
    const known = await requestLink(email.toUpperCase());
    const unknown = await requestLink(uniqueEmail());
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect({ ...(known.data as object), email: "" }).toEqual({ ...(unknown.data as object), email: "" });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ to: email, subject: "Reset your Groundwork password" });
    expect(outbox[0]!.text).toMatch(/works once, for 30 minutes/);
    // Only a hash of the token is stored.
    const token = tokenFrom(outbox[0]!);
    const rows = getDb().select().from(passwordResets).all();
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers 400 with a field message for a bad address", async () => {
    const res = await requestLink("not-an-email");
    expect(res.status).toBe(400);
    expect((res.data as { fieldErrors: { email: string[] } }).fieldErrors.email[0]).toMatch(/valid email/);
  });

  it("limits links per address, known or not", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: PASSWORD });
    const { points } = rateLimits()["reset-email"];
    for (let i = 0; i < points; i++) expect((await requestLink(email)).status).toBe(200);
    const limited = await requestLink(email);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(formError(limited.data)).toMatch(/^Too many reset links requested for this address\. Try again in \d+ minutes\.$/);
    expect(outbox).toHaveLength(points);
    const ghost = uniqueEmail();
    for (let i = 0; i < points; i++) await requestLink(ghost);
    expect((await requestLink(ghost)).status).toBe(429);
  });

  it("says resets need mail, and names the admin command, when no mail is configured", async () => {
    setMailTransportForTests(null);
    const page = await new TestClient().call(forgot.loader, "/forgot-password");
    expect(page.data).toEqual({ mailConfigured: false });
    const res = await requestLink(uniqueEmail());
    expect(res.status).toBe(409);
    expect(formError(res.data)).toMatch(/need outgoing mail/);
  });
});

describe("using a reset link", () => {
  it("sets the password, ends every other session, logs this browser in and unlocks the account", async () => {
    const email = uniqueEmail();
    const account = await createUser({ email, password: PASSWORD });
    const laptop = new TestClient(freshIp());
    await laptop.call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    for (let i = 0; i < rateLimits()["account-lock"].points; i++) await recordFailure("account-lock", email);
    expect(await blockedFor("account-lock", email)).toBeGreaterThan(0);

    await requestLink(email);
    const token = tokenFrom(outbox[0]!);
    const phone = new TestClient(freshIp());
    const page = await phone.call(reset.loader, `/reset-password/${token}`, { token });
    expect(page.data).toEqual({ email });

    const short = await setPassword(phone, token, "too short");
    expect(short.status).toBe(400);
    expect((short.data as { fieldErrors: { password: string[] } }).fieldErrors.password[0]).toBe("Use at least 12 characters");
    const differ = await setPassword(phone, token, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    expect((differ.data as { fieldErrors: { confirm: string[] } }).fieldErrors.confirm[0]).toBe("The two passwords differ");

    const done = await setPassword(phone, token, NEW_PASSWORD);
    expect(done.status).toBe(302);
    expect(done.location).toBe("/me?password=changed");
    expect((await phone.call(root.loader, "/")).data).toMatchObject({ user: { email } });
    // The laptop's session is gone; only the phone's new one remains.
    expect((await laptop.call(root.loader, "/")).data).toMatchObject({ user: null });
    expect(getDb().select().from(sessions).where(eq(sessions.userId, account.id)).all()).toHaveLength(1);
    expect(await blockedFor("account-lock", email)).toBe(0);

    const oldPassword = await new TestClient(freshIp()).call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    expect(oldPassword.status).toBe(400);
    const newPassword = await new TestClient(freshIp()).call(login.action, "/login", {}, { form: { email, password: NEW_PASSWORD } });
    expect(newPassword.status).toBe(302);
  });

  it("works once: a used link, and the account's other links, stop working", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: PASSWORD });
    await requestLink(email);
    await requestLink(email);
    const [first, second] = outbox.map(tokenFrom);
    expect((await setPassword(new TestClient(freshIp()), first!, NEW_PASSWORD)).status).toBe(302);
    const again = await setPassword(new TestClient(freshIp()), first!, "yet another passphrase");
    expect(again.status).toBe(404);
    expect(formError(again.data)).toMatch(/does not work any more/);
    expect((await new TestClient().call(reset.loader, `/reset-password/${second}`, { token: second! })).status).toBe(404);
    const user = getDb().select().from(users).where(eq(users.email, email)).get()!;
    expect(getDb().select().from(passwordResets).where(eq(passwordResets.userId, user.id)).all()).toHaveLength(1);
  });

  it("expires after 30 minutes, and a malformed token is simply not found", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: PASSWORD });
    await requestLink(email);
    const token = tokenFrom(outbox[0]!);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 31 * 60_000 });
    expect((await new TestClient().call(reset.loader, `/reset-password/${token}`, { token })).status).toBe(404);
    expect((await setPassword(new TestClient(freshIp()), token, NEW_PASSWORD)).status).toBe(404);
    vi.useRealTimers();
    for (const bad of ["x", "../../etc/passwd", "A".repeat(500)]) {
      expect((await new TestClient().call(reset.loader, "/reset-password/x", { token: bad })).status).toBe(404);
    }
  });
});
